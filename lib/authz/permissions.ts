import type { Role } from "../db/generated/enums";

// The design's permission matrix, in one table. Every operation names one permission;
// `authorize` is the only place that reads this table.

export const permissions = [
  "keys.read",
  "keys.manage",
  "keys.revoke",
  "keys.approve_destruction",
  "keys.sign",
  "audit.read",
  "tenant.manage",
] as const;

export type Permission = (typeof permissions)[number];

export const roleGrants: Record<Role, readonly Permission[]> = {
  admin: [
    "keys.read",
    "keys.manage",
    "keys.revoke",
    "keys.approve_destruction",
    "audit.read",
    "tenant.manage",
  ],
  key_manager: ["keys.read", "keys.manage", "keys.revoke", "keys.approve_destruction"],
  auditor: ["keys.read", "audit.read"],
  viewer: ["keys.read"],
};

/** API token scopes as the design names them, and what each grants. */
export const scopeGrants = {
  "keys:read": ["keys.read"],
  "keys:rotate": ["keys.read", "keys.manage"],
  "keys:sign": ["keys.sign"],
  "audit:read": ["audit.read"],
} as const satisfies Record<string, readonly Permission[]>;

export type Scope = keyof typeof scopeGrants;
export const scopes = Object.keys(scopeGrants) as Scope[];

/** The bootstrap token (KEYWARD_ADMIN_TOKEN) carries this scope: everything, every tenant. */
export const INSTANCE_ADMIN_SCOPE = "instance:admin";

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  key_manager: "Key manager",
  auditor: "Auditor",
  viewer: "Viewer",
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return roleGrants[role].includes(permission);
}

export function scopesAllow(tokenScopes: readonly string[], permission: Permission): boolean {
  if (tokenScopes.includes(INSTANCE_ADMIN_SCOPE)) return true;
  return tokenScopes.some((scope) =>
    ((scopeGrants as Record<string, readonly Permission[]>)[scope] ?? []).includes(permission),
  );
}
