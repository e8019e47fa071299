import type { AppPrisma } from "./client";

/** A client or an interactive transaction: data-layer functions accept either. */
export type DbClient = Omit<
  AppPrisma,
  "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends"
>;
