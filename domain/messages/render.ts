// Renders a message from its templates in templates/: one JSON file per message kind and locale
// ({ subject, text, html } as mustache templates, text and html as arrays of lines), plus the
// shared layout partials and phrases of each locale. JSON imports are bundled by esbuild as they
// are: the Lambda functions read no files at runtime. Each kind's templates and view live with
// the code that composes it (nudge-messages.ts, operations-email.ts, term-email.ts,
// official-answer-email.ts), so that a function's bundle holds only the templates it sends.
//
// Every context is made safe first (safety.ts); the html part escapes every value (mustache
// `{{ }}`; templates never use the unescaped `{{{ }}}` or `{{& }}`). No body carries a task
// token or an execution ARN: the agreement id is the reference number.
import Mustache from 'mustache';
import layoutEn from '../../templates/layout.en.json' with { type: 'json' };
import layoutId from '../../templates/layout.id.json' with { type: 'json' };
import type {
  ActionLinksContext,
  EmailAttachment,
  LetterContext,
  MessageContexts,
  MessageKind,
  Pending,
  RenderedMessage,
} from './contexts.ts';
import { formatDate, list, phrase, PHRASES, PLAIN, type Locale, type Phrases } from './language.ts';
import { clean, subjectLine } from './safety.ts';

export interface Template {
  subject: string;
  text: string[];
  html: string[];
}

/** One kind of message: its templates, the view its context gives them, the files it carries. */
export interface MessageDefinition<K extends MessageKind> {
  templates: Record<Locale, Template>;
  view: (context: MessageContexts[K], phrases: Phrases, locale: Locale) => Record<string, unknown>;
  attachments?: (
    context: MessageContexts[K],
    phrases: Phrases,
    locale: Locale,
  ) => EmailAttachment[];
}

const LAYOUTS: Record<Locale, Record<string, string[]>> = { id: layoutId, en: layoutEn };

/** Partials end with a line break, so that a partial on a line of its own stays one. */
function partialsOf(layout: Record<string, string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(layout).map(([name, lines]) => [name, `${lines.join('\n')}\n`]),
  );
}

/** For the html part: every `{{value}}` is escaped (mustache's own entity set). */
const HTML = { escape: (value: unknown) => Mustache.escape(String(value)) };

export function pendingView(pending: Pending, phrases: Phrases, locale: Locale) {
  const texts = phrases.pending[pending.route];
  const view = { apps: list(pending.apps ?? [], locale) };
  return {
    short: phrase(texts.short, view),
    long: phrase(texts.long, view),
    next: phrase(texts.next, view),
  };
}

export function letterView(context: LetterContext, phrases: Phrases, locale: Locale) {
  const { agreement } = context;
  return {
    salutation: list(context.recipients, locale),
    reference: agreement.reference,
    title: agreement.title,
    host: agreement.hostRegion,
    partner: agreement.partnerRegion,
    stage: phrases.stages[agreement.stage],
    office: context.office ?? phrase(phrases.office, { host: agreement.hostRegion }),
    actions: context.actionLinks && actionsView(context.actionLinks, locale),
  };
}

/** The link block: buttons in HTML, plain URLs in text, named when there are several. */
function actionsView(actions: ActionLinksContext, locale: Locale) {
  const several = actions.links.length > 1;
  return {
    done: actions.done,
    expires: formatDate(actions.expiresOn, locale),
    links: actions.links.map((link) => ({ url: link.url, label: several ? link.name : undefined })),
  };
}

/** Renders one message: subject, text and html, and the files its kind carries. */
export function renderMessage<K extends MessageKind>(
  message: MessageDefinition<K>,
  context: MessageContexts[K],
  locale: Locale,
): RenderedMessage {
  const safe = clean(context);
  const phrases = PHRASES[locale];
  const partials = partialsOf(LAYOUTS[locale]);
  const template = message.templates[locale];
  const view: Record<string, unknown> = { lang: locale, ...message.view(safe, phrases, locale) };
  const subject = subjectLine(Mustache.render(template.subject, view, partials, PLAIN));
  const full = { ...view, subject };
  const text = Mustache.render(template.text.join('\n'), full, partials, PLAIN);
  const html = Mustache.render(template.html.join('\n'), full, partials, HTML);
  const rendered: RenderedMessage = { subject, text: `${text.trimEnd()}\n`, html };
  const attachments = message.attachments?.(safe, phrases, locale);
  if (attachments) rendered.attachments = attachments;
  return rendered;
}
