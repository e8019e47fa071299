import { describe, expect, it } from "vitest";
import { csvCell } from "./export";
import { auditFilterInput, filterSearch, rawFilters } from "./query";

describe("audit filter parsing", () => {
  it("reads dates as UTC, a date-only upper bound including its day", () => {
    const parsed = auditFilterInput.parse({ from: "2026-03-01", to: "2026-03-01" });
    expect(parsed.from?.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(parsed.to?.toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(auditFilterInput.parse({ from: "2026-03-01T14:30" }).from?.toISOString()).toBe(
      "2026-03-01T14:30:00.000Z",
    );
    expect(auditFilterInput.parse({ to: "2026-03-01T14:30+02:00" }).to?.toISOString()).toBe(
      "2026-03-01T12:30:00.000Z",
    );
  });

  it("refuses impossible or reversed dates and unknown outcomes", () => {
    for (const bad of [
      { from: "2026-02-30" },
      { to: "03/01/2026" },
      { outcome: "ok" },
      { from: "2026-03-02", to: "2026-03-01" },
    ]) {
      expect(auditFilterInput.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("keeps only filter parameters for links, empty ones dropped", () => {
    const raw = rawFilters({ action: "key.rotated", q: " ", cursor: "9", limit: "5" });
    expect(raw).toEqual({ action: "key.rotated" });
    expect(filterSearch(raw, { format: "csv" })).toBe("?action=key.rotated&format=csv");
  });
});

describe("CSV cells", () => {
  it("quotes separators and neutralises formulas reversibly", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(csvCell("'=x")).toBe("''=x");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("it's")).toBe("it's");
    const undo = (cell: string) => cell.replace(/^'(?='*[=+\-@\t\r])/, "");
    for (const value of ["=1", "'=1", "''@x", "plain", "'quoted"]) {
      expect(undo(csvCell(value).replace(/^"|"$/g, ""))).toBe(value);
    }
  });
});
