import type { BrowserContext, Page, Request } from 'playwright-core';
import { listeningOrigin, spawnGateway, type GatewayProcess } from '../support/gateway-process';
import { launchChromium, type Chromium } from './chromium';

/** What a page did besides rendering: every request it made, and every error it reported. */
interface PageActivity {
  readonly page: Page;
  readonly requests: string[];
  readonly problems: string[];
  close(): Promise<void>;
}

async function openPlayground(context: BrowserContext, url: string): Promise<PageActivity> {
  const requests: string[] = [];
  const problems: string[] = [];
  const page = await context.newPage();
  // Context-wide, so requests made by the page's workers are recorded too.
  const record = (request: Request): void => void requests.push(request.url());
  context.on('request', record);
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // CSP refusals show up here, so a policy too strict for the page fails the test.
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  await page.getByRole('button', { name: /^Execute query/ }).waitFor();
  const close = async (): Promise<void> => {
    context.off('request', record);
    await page.close();
  };
  return { page, requests, problems, close };
}

/** The text of a Monaco editor, whose lines are separate elements spaced with no-break spaces. */
async function editorText(page: Page, selector: string): Promise<string> {
  const text = await page.locator(selector).innerText();
  return text.replace(/\u00a0/g, ' ');
}

function foreignRequests(requests: string[], origin: string): string[] {
  // blob: URLs carry the page's origin (URL.origin reads it); they are the page's own workers.
  return requests.filter((url) => new URL(url).origin !== origin);
}

describe('the playground in Chromium, on a gateway started with no configuration', () => {
  let gateway: GatewayProcess;
  let origin: string;
  let chromium: Chromium;

  beforeAll(async () => {
    // As `npm start` on a fresh clone: the embedded emulator, the playground on by default.
    gateway = spawnGateway({ HOST: '127.0.0.1', PORT: '0' });
    origin = await listeningOrigin(gateway);
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    gateway?.child.kill('SIGTERM');
    await gateway?.exit();
  });

  it('runs the example likeMessage from the run button and shows the typed result', async () => {
    const { page, requests, problems, close } = await openPlayground(chromium.context, `${origin}/graphql`);

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().postDataJSON()?.operationName === 'LikeMessage'),
      page.getByRole('button', { name: /^Execute query/ }).click(),
    ]);
    await page.locator('.result-window').getByText('LikeMessageSuccess').waitFor();

    const expected = {
      data: {
        likeMessage: {
          __typename: 'LikeMessageSuccess',
          liked: true,
          message: { portal: expect.stringMatching(/^127\.0\.0\.1:\d+$/), id: '1' },
        },
      },
    };
    expect(JSON.parse(await editorText(page, '.result-window'))).toEqual(expected);
    expect(await response.json()).toEqual(expected);
    expect(response.request().postDataJSON().variables).toEqual({ id: '1', action: 'PLUS' });
    // The example headers are all comments: the call went through the webhook, as user 1.
    expect(response.request().headers()).not.toHaveProperty('authorization');

    expect(requests.filter((url) => url === `${origin}/graphql`).length).toBeGreaterThanOrEqual(3);
    expect(foreignRequests(requests, origin)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it('shows our descriptions in the docs and explains the credential headers', async () => {
    const { page, requests, problems, close } = await openPlayground(chromium.context, `${origin}/graphql`);

    await page.getByRole('button', { name: 'Headers' }).click();
    // The editor fills in after the tab opens: wait for the example line before reading the whole text.
    await page
      .locator('.graphiql-editor-tool')
      .getByText('Bearer demo-token-user-2', { exact: false })
      .waitFor();
    const headers = await editorText(page, '.graphiql-editor-tool');
    expect(headers).toContain('// "Authorization": "Bearer demo-token-user-2",');
    // The embedded emulator's own portal, on the port it got.
    expect(headers).toMatch(/\/\/ "X-Bitrix24-Domain": "127\.0\.0\.1:\d+"/);

    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Mutation', { exact: true }).click();
    await page
      .locator('.graphiql-doc-explorer')
      .getByText("Sets, removes or toggles the caller's like on a message (Bitrix24 im.message.like).", {
        exact: false,
      })
      .waitFor();

    expect(foreignRequests(requests, origin)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });
});
