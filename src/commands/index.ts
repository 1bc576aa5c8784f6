import { backup } from './backup.ts';
import type { Command } from './command.ts';
import { createAdmin } from './create-admin.ts';
import { demo } from './demo.ts';
import { exportSite } from './export.ts';
import { importCommand } from './import.ts';
import { migrate } from './migrate.ts';
import { restore } from './restore.ts';
import { serve } from './serve.ts';
import { storage } from './storage.ts';

/** Every `palabre` command, in the order `palabre --help` lists them. Add a command: one file, one line here. */
export const commands: Command[] = [serve, migrate, demo, createAdmin, backup, restore, exportSite, importCommand, storage];
