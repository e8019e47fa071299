import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { findUserById } from "../db/users";
import { AppError } from "../errors";
import type { Actor } from "./actor";
import { authOptions } from "./options";

/** The signed-in user as an actor, or null. The user row is re-read: deleted users lose access. */
export async function currentActor(ip: string | null = null): Promise<Actor | null> {
  const session = (await getServerSession(authOptions)) as { userId?: string } | null;
  if (!session?.userId) return null;
  const user = await findUserById(session.userId);
  if (!user) return null;
  return { type: "user", userId: user.id, email: user.email, isAdmin: user.isAdmin, ip };
}

/** For pages: the actor, or a redirect to sign-in. */
export async function requirePageActor(): Promise<Extract<Actor, { type: "user" }>> {
  const actor = await currentActor();
  if (!actor || actor.type !== "user") redirect("/login");
  return actor;
}

/** For server actions: the actor, or an error the form can show. */
export async function requireActionActor(ip: string | null): Promise<Actor> {
  const actor = await currentActor(ip);
  if (!actor) throw new AppError("unauthenticated", "Your session has ended. Sign in again.");
  return actor;
}
