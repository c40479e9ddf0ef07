import type { PrismaClient } from "./generated/client";

/** Either the client or the client of an open interactive transaction. */
export type DbClient = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
