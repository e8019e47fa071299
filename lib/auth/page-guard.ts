import { notFound } from "next/navigation";
import { isAppError, type AppError } from "../errors";

export type Guarded<T> = { allowed: true; value: T } | { allowed: false; message: string };

/** Pages: a missing or foreign resource is a 404 page; a forbidden one a short explanation. */
export async function guardPage<T>(load: Promise<T>): Promise<Guarded<T>> {
  try {
    return { allowed: true, value: await load };
  } catch (error) {
    if (isAppError(error) && (error as AppError).code === "not_found") notFound();
    if (isAppError(error) && (error as AppError).code === "forbidden") {
      return { allowed: false, message: (error as AppError).message };
    }
    throw error;
  }
}
