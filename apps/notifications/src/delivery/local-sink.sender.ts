import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  NotificationSender,
  OutgoingNotification,
  ProviderUnavailableError,
  SendReceipt,
} from './notification.sender';

/**
 * The development and test "provider": each message is written to `<dir>/<notification id>.json`
 * (and, like every notification, its rendered text is kept on the notification row). Nothing leaves
 * the machine. The files hold personal data: the default directory is under the ignored `.local/`.
 */
export class LocalSinkSender implements NotificationSender {
  readonly name = 'local';
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  async send(n: OutgoingNotification): Promise<SendReceipt> {
    const file = join(this.dir, `${n.id}.json`);
    const content = {
      id: n.id,
      channel: n.channel,
      templateKey: n.templateKey,
      language: n.language,
      recipient: n.recipient,
      reference: n.reference,
      subject: n.rendered.subject,
      body: n.rendered.body,
      writtenAt: new Date().toISOString(),
    };
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      // Write then rename, so a reader never sees half a file.
      await writeFile(`${file}.tmp`, JSON.stringify(content, null, 2), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    } catch (err) {
      throw new ProviderUnavailableError(
        `The local notification sink could not write ${file}: ${(err as Error).message}`,
        undefined,
        { cause: err },
      );
    }
    return { providerReference: `local:${n.id}` };
  }
}
