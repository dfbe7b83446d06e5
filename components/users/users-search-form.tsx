import { SearchIcon } from "lucide-react";
import Form from "next/form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** A GET form: the search lives in the URL (?q=), and it works before hydration. */
export function UsersSearchForm({ q }: { q: string }) {
  return (
    <Form action="/users" role="search" className="mb-4 flex max-w-md items-end gap-2">
      <div className="grid flex-1 gap-2">
        <Label htmlFor="users-q">Search by email or name</Label>
        <Input
          id="users-q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <Button type="submit" variant="outline">
        <SearchIcon aria-hidden="true" />
        Search
      </Button>
    </Form>
  );
}
