// Response schemas are written in zod next to the TypeScript DTOs the services return. This type
// makes the compiler fail when the two drift apart (a field added to a DTO but not to its schema).
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
