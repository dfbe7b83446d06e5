// Server-action bodies Next.js would decode into a 500 are found before it runs (issue 10, defect 5).
import { describe, expect, it } from "vitest";
import { serverActionBodyProblem } from "./server-action-body";

const B = "----b";
const multipart = (fields: [string, string][], boundary = B) =>
  fields.map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") +
  `--${boundary}--\r\n`;
const action = (body: string, type: string, fetchAction = true) =>
  new Request("http://localhost/servers", {
    method: "POST",
    headers: { "content-type": type, ...(fetchAction ? { "next-action": "7f00" } : {}) },
    body,
  });
const mp = `multipart/form-data; boundary=${B}`;

describe("serverActionBodyProblem", () => {
  it("accepts what React's encodeReply sends for (previous state, FormData) and (FormData)", async () => {
    const fields: [string, string][] = [
      ["1_name", "CI bot"],
      ["1_note", "$5 a month"],
      ["0", '[{"ok":false,"message":"$$escaped","values":{}},"$K1"]'],
    ];
    expect(await serverActionBodyProblem(action(multipart(fields), mp))).toBeNull();
    expect(
      await serverActionBodyProblem(action('["$K1",null,"$u","$D2026-12-02T00:00:00.000Z"]', "text/plain")),
    ).toBeNull();
    // A form posted without JavaScript (no Next-Action header) is Next.js's to decode.
    expect(await serverActionBodyProblem(action(multipart([["$ACTION_ID_7f00", ""]]), mp, false))).toBeNull();
  });

  it.each([
    ["a truncated multipart body", multipart([["0", "[]"]]).slice(0, 30), mp],
    ["a multipart body without its boundary", multipart([["0", "[]"]], "other"), mp],
    ["a multipart type without a boundary", multipart([["0", "[]"]]), "multipart/form-data"],
    ["no root row", multipart([["1_name", "x"]]), mp],
    ["a root row that is not JSON", multipart([["0", "garbage{"]]), mp],
    ["a text body that is not JSON", "garbage{", "text/plain"],
    ["a reference to a missing promise row", '["$@1"]', "text/plain"],
    ["a reference React does not expect here", '[{"a":"$Q2"}]', "text/plain"],
    [
      "the root row twice",
      multipart([
        ["0", '["$K1"]'],
        ["1_a", "x"],
        ["0", '["$K1"]'],
      ]),
      mp,
    ],
    [
      "the root row twice under another name",
      multipart([
        ["0", '["$K1"]'],
        ["00", "[]"],
      ]),
      mp,
    ],
    [
      "a NUL in a field",
      multipart([
        ["1_name", "a\0b"],
        ["0", '["$K1"]'],
      ]),
      mp,
    ],
    [
      "a control character in a field's name (Next.js's parser fails on the part header)",
      multipart([
        ["0", '["$K1"]'],
        ["1_\u0005x", "v"],
      ]),
      mp,
    ],
    ["an escaped NUL in a row", '["a\\u0000"]', "text/plain"],
  ])("refuses %s", async (_case, body, type) => {
    expect(await serverActionBodyProblem(action(body, type))).not.toBeNull();
  });

  it("refuses a control character in a field's name of a form posted without JavaScript", async () => {
    const body = multipart([
      ["$ACTION_ID_7f00", ""],
      ["1_\u007fx", "v"],
    ]);
    expect(await serverActionBodyProblem(action(body, mp, false))).toBe("The multipart body is malformed.");
  });
});
