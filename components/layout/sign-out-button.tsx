"use client";

import { signOut } from "next-auth/react";
import { Button } from "../ui/button";

export function SignOutButton() {
  return (
    <Button variant="ghost" type="button" onClick={() => signOut({ callbackUrl: "/login" })}>
      Sign out
    </Button>
  );
}
