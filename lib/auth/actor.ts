// Who is acting. Every domain operation takes one; it ends up in the audit trail.

export type Actor =
  | { type: "user"; userId: string; email: string; isAdmin: boolean; ip?: string | null }
  | {
      type: "token";
      tokenId: string;
      name: string;
      tenantId: string | null;
      scopes: string[];
      ip?: string | null;
    }
  | { type: "system"; ip?: null };

export const systemActor: Actor = { type: "system" };

export function actorIdentity(actor: Actor): {
  actorType: string;
  actorId: string | null;
  actorLabel: string;
} {
  switch (actor.type) {
    case "user":
      return { actorType: "user", actorId: actor.userId, actorLabel: actor.email };
    case "token":
      return { actorType: "api_token", actorId: actor.tokenId, actorLabel: `token:${actor.name}` };
    case "system":
      return { actorType: "system", actorId: null, actorLabel: "system" };
  }
}
