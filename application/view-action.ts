// GET /actions/{token}: what an official sees behind a nudge's link. Reading changes nothing:
// mail scanners open links. Apart from the answer (answer-action.ts), so that the page's
// function carries no email composition.
import type { AppStatus } from '../domain/agreement.ts';
import type { ActionLinkStore, AgreementStore, Log } from '../domain/ports.ts';
import { parseWaitKey, type WaitRoute } from '../domain/routes.ts';
import { openLink } from './action-links.ts';

export interface ActionDeps {
  agreements: Pick<AgreementStore, 'get'>;
  links: ActionLinkStore;
  log: Log;
  now: () => Date;
}

/** What the page behind a link shows. */
export interface ActionView {
  agreement: {
    id: string;
    title: string;
    stage: string;
    hostRegion: { code: string; name: string };
    partnerRegion: { code: string; name: string };
    apps: { id: string; name: string; status: AppStatus }[];
  };
  awaited: { waitKey: string; route: WaitRoute; app?: { id: string; name: string } };
  answers: string[];
  holder: { name: string };
  expiresAt: string;
}

export function viewActionUseCase(deps: ActionDeps) {
  return async (token: string): Promise<ActionView> => {
    const { link, agreement } = await openLink(deps, token, deps.now());
    const { route, appId } = parseWaitKey(link.waitKey);
    const app = appId ? agreement.apps.find((a) => a.id === appId) : undefined;
    const region = (r: { code: string; name: string }) => ({ code: r.code, name: r.name });
    return {
      agreement: {
        id: agreement.id,
        title: agreement.title,
        stage: agreement.stage,
        hostRegion: region(agreement.hostRegion),
        partnerRegion: region(agreement.partnerRegion),
        apps: agreement.apps.map(({ id, name, status }) => ({ id, name, status })),
      },
      awaited: {
        waitKey: link.waitKey,
        route,
        ...(app ? { app: { id: app.id, name: app.name } } : {}),
      },
      answers: link.answers,
      holder: { name: link.holder.name },
      expiresAt: link.expiresAt,
    };
  };
}
