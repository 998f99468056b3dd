// The one way a content script talks to the background: the code-fill question of
// ../../shared/code-fill-messages.ts, validated, from this extension's own content script in a
// tab's frame. Everything else from outside the extension's pages is refused as the router does.
import * as v from 'valibot';
import { ContentRequestSchema, type ContentCommand } from '../../shared/code-fill-messages';
import type { Context } from '../context';
import { handleMessage, type ExtensionIdentity, type SenderInfo } from '../router';

export async function handleContentMessage(message: unknown, sender: SenderInfo & { tab?: { id?: number } }, self: ExtensionIdentity, ctx: Context): Promise<unknown> {
  const parsed = v.safeParse(ContentRequestSchema, message);
  // Not the code-fill question: the router refuses it (forbidden-sender), as before.
  if (!parsed.success || sender.id !== self.id || sender.tab === undefined) return handleMessage(message, sender, self, ctx);
  try {
    return await ctx.fill.onContentRequest(parsed.output, sender);
  } catch {
    return { type: 'nothing' } satisfies ContentCommand;
  }
}
