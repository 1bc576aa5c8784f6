import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { loggerOptions } from '../logger.ts';

const S3 = {
  S3_ENDPOINT: 'https://s3.fr-par.scw.cloud',
  S3_BUCKET: 'palabre-fichiers',
  S3_REGION: 'fr-par',
  S3_ACCESS_KEY_ID: 'SCWEXAMPLEKEY',
  S3_SECRET_ACCESS_KEY: 'tres-secret-0123456789',
  S3_FORCE_PATH_STYLE: 'true',
};

describe('S3 settings', () => {
  it('keep files on disk unless S3_BUCKET is set, then read every S3_* variable', () => {
    expect(loadConfig({ DATA_DIR: '/srv/palabre' })).toMatchObject({ s3: null, filesDir: '/srv/palabre/files' });
    expect(loadConfig({ ...S3 }).s3).toEqual({
      endpoint: 'https://s3.fr-par.scw.cloud',
      bucket: 'palabre-fichiers',
      region: 'fr-par',
      accessKeyId: 'SCWEXAMPLEKEY',
      secretAccessKey: 'tres-secret-0123456789',
      forcePathStyle: true,
    });
    expect(loadConfig({ S3_BUCKET: 'b1' }).s3).toMatchObject({ endpoint: undefined, region: 'us-east-1', forcePathStyle: false, accessKeyId: undefined });
  });

  it('list the variables that only make sense together, with the other problems, in French', () => {
    expect(() => loadConfig({ S3_ENDPOINT: 'https://s3.example', S3_SECRET_ACCESS_KEY: 'x', PORT: 'abc' })).toThrow(
      /PORT[\s\S]*S3_BUCKET : le nom du seau est requis[\s\S]*S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY : définissez les deux/,
    );
  });

  it('never show the secret key, in a configuration error or a log line', () => {
    let message = '';
    expect(() => {
      try {
        loadConfig({ ...S3, S3_ENDPOINT: 'pas une adresse', S3_SECRET_ACCESS_KEY: '', S3_ACCESS_KEY_ID: 'tres-secret-0123456789' });
      } catch (err) {
        message = (err as Error).message;
        throw err;
      }
    }).toThrow();
    expect(message).toContain('S3_ENDPOINT');
    expect(message).not.toContain('tres-secret');
    const censor = (loggerOptions('info') as { formatters: { log(o: object): object } }).formatters.log;
    expect(JSON.stringify(censor({ s3: loadConfig(S3).s3 }))).not.toContain('tres-secret');
  });
});
