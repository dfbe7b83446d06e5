import { corsPreflight, withCors } from "@/lib/oauth/metadata";
import { jwksResponse } from "@/lib/services/oauth/discovery";

export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return withCors(await jwksResponse((await params).slug));
}

export const OPTIONS = corsPreflight;
