import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./throttle";

describe("sign-in throttle", () => {
  it("locks an email after five failures, for longer after each further one, and forgets on success", () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 4; i++) throttle.fail("a@x");
    expect(throttle.allow("a@x")).toBe(true);

    throttle.fail("a@x");
    expect(throttle.allow("a@x")).toBe(false);
    now += 1_001;
    expect(throttle.allow("a@x")).toBe(true);

    throttle.fail("a@x");
    now += 1_001;
    expect(throttle.allow("a@x")).toBe(false);
    expect(throttle.allow("b@x")).toBe(true);

    throttle.succeed("a@x");
    expect(throttle.allow("a@x")).toBe(true);
  });
});
