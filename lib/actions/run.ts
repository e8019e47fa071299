import crypto from "node:crypto";
import { headers } from "next/headers";
import { ZodError } from "zod";
import type { Actor } from "../auth/actor";
import { requireActionActor } from "../auth/session";
import { isAppError, type AppError } from "../errors";
import { logger } from "../logger";
import type { ActionState } from "./state";

// The action client: every console server action runs through `runAction`, which loads
// the signed-in actor, runs the domain call (which authorizes first), and turns errors
// into form state. Unexpected errors are logged with a reference and never shown raw.

export async function runAction(
  name: string,
  work: (actor: Actor) => Promise<Omit<ActionState, "ok" | "at"> & { ok?: boolean }>,
): Promise<ActionState> {
  const at = Date.now();
  try {
    const forwarded = (await headers()).get("x-forwarded-for");
    const actor = await requireActionActor(forwarded?.split(",")[0].trim() ?? null);
    return { ok: true, at, ...(await work(actor)) };
  } catch (error) {
    if (isAppError(error)) {
      const { message, fields } = error as AppError;
      return { ok: false, at, message, fieldErrors: fields };
    }
    if (error instanceof ZodError) {
      const fieldErrors = Object.fromEntries(
        error.issues.map((i) => [String(i.path[0] ?? "form"), i.message]),
      );
      return { ok: false, at, message: "Check the highlighted fields.", fieldErrors };
    }
    const reference = crypto.randomUUID().slice(0, 8);
    logger.error(
      { action: name, reference, err: (error as Error)?.message },
      "server action failed",
    );
    return {
      ok: false,
      at,
      message: `Something went wrong on our side (reference ${reference}). Try again.`,
    };
  }
}

export function field(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
