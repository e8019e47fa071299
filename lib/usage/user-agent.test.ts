import { describe, expect, it } from "vitest";
import { userAgentFamily } from "./user-agent";

describe("userAgentFamily", () => {
  it("keeps only the product name of common verifier clients, lowercased", () => {
    const cases: [string | undefined, string][] = [
      ["Go-http-client/1.1", "go-http-client"],
      ["python-requests/2.32.3", "python-requests"],
      ["okhttp/4.12.0", "okhttp"],
      ["node", "node"],
      ["curl/8.5.0", "curl"],
      ["Apache-HttpClient/5.3 (Java/21)", "apache-httpclient"],
      [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "browser",
      ],
      ["Mozilla/5.0 (compatible; SomeBot/1.0)", "mozilla"],
      [undefined, "unknown"],
      ["", "unknown"],
      ["  (no product)", "unknown"],
      ["☃/1", "unknown"],
    ];
    for (const [header, family] of cases)
      expect(userAgentFamily(header), String(header)).toBe(family);
  });

  it("caps the family's length so one header cannot store an arbitrary string", () => {
    expect(userAgentFamily(`${"a".repeat(500)}/1`)).toHaveLength(40);
  });
});
