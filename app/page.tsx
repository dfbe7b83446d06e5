import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { isSetupComplete, systemContext } from "@/lib/services";

export default async function Home() {
  if (!(await isSetupComplete(systemContext("setup-check")))) redirect("/setup");
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  redirect(user.role ? "/servers" : "/account/apps");
}
