import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { isSetupComplete, systemContext } from "@/lib/services";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Gatehouse" };

/** First run only: once any user exists this page is gone (404). */
export default async function SetupPage() {
  await connection();
  if (await isSetupComplete(systemContext("setup-check"))) notFound();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center p-6">
      <Card>
        <CardHeader>
          <CardTitle asChild>
            <h1>Set up Gatehouse</h1>
          </CardTitle>
          <CardDescription>
            Create the owner account. The owner manages MCP servers, clients and the people who run them.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <SetupForm />
        </CardContent>
      </Card>
    </main>
  );
}
