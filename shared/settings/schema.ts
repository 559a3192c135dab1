import { z } from 'zod';
import { defineOperation } from '../api/operation';
import { text } from '../text/text-schema';

/** A logo as a data URL: PNG or JPEG only (what pdfkit embeds), at most about 750 KB. */
const LogoSchema = z
  .string()
  .max(1_000_000, { message: 'validation.logoTooLarge' })
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, { message: 'validation.logoFormat' });

export const SettingsSchema = z
  .object({
    programmeName: text(120).default(''),
    adviserName: text(120).default(''),
    adviserEmail: text(254).default(''),
    logo: LogoSchema.nullable().default(null),
  })
  .strict();
export type Settings = z.infer<typeof SettingsSchema>;

export const settingsOperations = {
  'settings.get': defineOperation(z.object({}).strict(), SettingsSchema),
  'settings.save': defineOperation(SettingsSchema, SettingsSchema),
};
