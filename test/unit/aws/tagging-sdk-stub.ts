/** Replaces a real SDK client's send() for unit tests of adapter logic; records each command. */
export function stubSend<C extends { send: unknown }>(
  client: C,
  handler: (command: { constructor: { name: string }; input: Record<string, unknown> }) => unknown,
): Array<{ name: string; input: Record<string, unknown> }> {
  const calls: Array<{ name: string; input: Record<string, unknown> }> = [];
  (client as { send: unknown }).send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    calls.push({ name: command.constructor.name, input: command.input });
    return handler(command);
  };
  return calls;
}

export function awsError(name: string, status = 400, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, ...extra });
}
