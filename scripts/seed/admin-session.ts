import type { SeedConfig } from './seed-config';
import { expectStatus, send, type HttpAnswer } from './seed-http';

/** The admin's access token, renewed once when a call answers 401 (tokens live 15 minutes). */
export class AdminSession {
  private token?: Promise<string>;

  constructor(
    private readonly config: SeedConfig,
    readonly correlationId: string,
  ) {}

  async login(): Promise<void> {
    this.token = expectStatus<{ accessToken: string }>(
      'POST',
      `${this.config.userUrl}/api/auth/login`,
      [200],
      {
        body: { email: this.config.adminEmail, password: this.config.adminPassword },
        correlationId: this.correlationId,
      },
    ).then((answer) => answer.body.accessToken);
    await this.token;
  }

  async send<T = unknown>(method: string, url: string, body?: unknown): Promise<HttpAnswer<T>> {
    const attempt = async () =>
      send<T>(method, url, { token: await this.token, body, correlationId: this.correlationId });
    const answer = await attempt();
    if (answer.status !== 401) return answer;
    await this.login();
    return attempt();
  }
}
