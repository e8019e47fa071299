// Any /api/v1 path no other route matches: a JSON 404, like every API error.
import { jsonResponse } from "@/lib/api/handler";

const notFound = () =>
  jsonResponse(
    { error: { code: "not_found", message: "No such API endpoint. See the README's API table." } },
    404,
  );

export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
};
