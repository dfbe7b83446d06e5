import { queryOptions } from "@tanstack/react-query";
import type { ServerDto } from "@/lib/services";
import { getJson } from "./query-client";

export const serverKeys = { all: ["servers"] as const, list: () => ["servers", "list"] as const };

export const serversListQuery = () =>
  queryOptions({ queryKey: serverKeys.list(), queryFn: () => getJson<{ servers: ServerDto[] }>("/api/v1/servers") });
