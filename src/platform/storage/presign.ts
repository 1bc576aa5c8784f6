import crypto from 'node:crypto';

/** Percent-encoding as Signature Version 4 wants it: RFC 3986 unreserved characters only. */
const encode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const hmac = (key: crypto.BinaryLike, data: string) => crypto.createHmac('sha256', key).update(data).digest();
const sha256 = (data: string) => crypto.createHash('sha256').update(data).digest('hex');

export interface PresignInput {
  /** The object's URL, without a query (path-style or virtual-hosted, as the client addresses it). */
  url: URL;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  seconds: number;
  /** Extra query parameters signed with the rest, e.g. response-content-disposition. */
  query?: Record<string, string>;
  now?: Date;
}

/**
 * A GET URL signed in its query string (AWS Signature Version 4, "UNSIGNED-PAYLOAD"), as every
 * S3-compatible store accepts it. Written here rather than with @aws-sdk/s3-request-presigner,
 * which is not installed: the algorithm is short and the tests check it against s3rver.
 */
export function presignGet({ url, region, credentials, seconds, query = {}, now = new Date() }: PresignInput): string {
  const amzDate = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const scope = `${day}/${region}/s3/aws4_request`;
  const params: Record<string, string> = {
    ...query,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': amzDate,
    'X-Amz-Expires': String(Math.max(1, Math.min(604800, Math.round(seconds)))),
    'X-Amz-SignedHeaders': 'host',
  };
  if (credentials.sessionToken) params['X-Amz-Security-Token'] = credentials.sessionToken;
  const canonicalQuery = Object.keys(params)
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k])}`)
    .join('&');
  // S3 encodes each path segment once (not twice as other services do).
  const canonicalPath = url.pathname
    .split('/')
    .map((s) => encode(decodeURIComponent(s)))
    .join('/');
  const canonicalRequest = ['GET', canonicalPath, canonicalQuery, `host:${url.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
  const signature = crypto.createHmac('sha256', key).update(toSign).digest('hex');
  return `${url.origin}${canonicalPath}?${canonicalQuery}&X-Amz-Signature=${signature}`;
}
