import { queryOptions } from "@tanstack/react-query";
import type { UserDto } from "@/lib/services";
import { getJson } from "./query-client";

export const memberKeys = { all: ["members"] as const, list: () => ["members", "list"] as const };

export const membersListQuery = () =>
  queryOptions({ queryKey: memberKeys.list(), queryFn: () => getJson<{ members: UserDto[] }>("/api/v1/members") });
