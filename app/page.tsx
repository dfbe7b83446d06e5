import { redirect } from "next/navigation";
import { currentUser, requireSetupDone } from "@/lib/auth/session";

export default async function Home() {
  await requireSetupDone();
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  redirect(user.role ? "/servers" : "/account/apps");
}
