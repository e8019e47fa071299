import { describe, expect, it } from "vitest";
import { parseLifetime } from "./lifetime";

describe("token lifetimes", () => {
  it.each([
    [90, 90],
    ["90", 90],
    ["45s", 45],
    ["10m", 600],
    ["2h", 7200],
    ["1d", 86400],
  ])("%s → %i seconds", (input, seconds) => {
    expect(parseLifetime(input)).toBe(seconds);
  });

  it.each([0, -5, 1.5, "", "ten minutes", "5w", "0m"])("refuses %s", (input) => {
    expect(() => parseLifetime(input as never)).toThrow(/expiresIn/);
  });
});
