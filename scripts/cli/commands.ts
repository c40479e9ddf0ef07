import type { Command } from "./command";

// Command modules import lib/ only inside run(): lib/env is read once, after the database URL is known.
export const COMMANDS: Record<string, () => Promise<Command<never>>> = {
  "user:create": async () => (await import("./user-create")).userCreate as Command<never>,
  "user:disable": async () => (await import("./user-disable")).userDisable as Command<never>,
  "user:verify-email": async () => (await import("./user-verify-email")).userVerifyEmail as Command<never>,
  "user:set-password": async () => (await import("./user-set-password")).userSetPassword as Command<never>,
  "credits:grant": async () => (await import("./credits-grant")).creditsGrant as Command<never>,
  "ledger:check": async () => (await import("./ledger-check")).ledgerCheck as Command<never>,
  "key:create": async () => (await import("./key-create")).keyCreate as Command<never>,
  "key:revoke": async () => (await import("./key-revoke")).keyRevoke as Command<never>,
  "model:set": async () => (await import("./model-set")).modelSet as Command<never>,
  "usage:export": async () => (await import("./usage-export")).usageExport as Command<never>,
};
