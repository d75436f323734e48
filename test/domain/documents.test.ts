// The document rules: what a file must start with, when an upload matches what was announced,
// which requests an agreement takes, who attaches and withdraws, and the events.
import { describe, expect, it } from '@jest/globals';
import { canAttach, canWithdraw, type Principal } from '../../domain/access.ts';
import { documentRequestSchema } from '../../domain/document-schemas.ts';
import {
  attachDocument,
  checkReplaced,
  checkRequest,
  contentDisposition,
  looksLike,
  MAX_DOCUMENTS_PER_AGREEMENT,
  objectMismatch,
  withdrawDocument,
  type AgreementDocument,
  type DocumentRequest,
} from '../../domain/documents.ts';
import {
  handedOver,
  inPks,
  mouSigned,
  newAgreement,
  NOW,
  pksSigned,
  through,
} from '../support/fixtures.ts';

const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'latin1'));
const host: Principal = {
  subject: 'host-1',
  email: 'host@bandung.example.go.id',
  role: 'HOST_COORDINATOR',
};
const partner: Principal = { subject: 'p-1', role: 'PARTNER_COORDINATOR', regionCode: '61.12' };
const otherPartner: Principal = {
  subject: 'p-2',
  role: 'PARTNER_COORDINATOR',
  regionCode: '63.71',
};

const handingOver = through(newAgreement(), mouSigned, pksSigned, handedOver('sabilulungan'));

function request(overrides: Partial<DocumentRequest> = {}): DocumentRequest {
  return {
    kind: 'PKS',
    fileName: 'PKS.pdf',
    contentType: 'application/pdf',
    sizeBytes: 1000,
    sha256: 'a'.repeat(64),
    ...overrides,
  };
}

function pending(overrides: Partial<AgreementDocument> = {}): AgreementDocument {
  return {
    ...request(),
    documentId: 'D1',
    agreementId: handingOver.id,
    status: 'PENDING',
    side: 'HOST',
    requestedAt: NOW.toISOString(),
    attachedBy: 'host-1',
    attachedByEmail: 'host@bandung.example.go.id',
    objectKey: `agreements/${handingOver.id}/D1`,
    ...overrides,
  };
}

describe('a file is what its type says', () => {
  it.each([
    ['application/pdf', '%PDF-1.7\n', true],
    ['application/pdf', 'PDF-1.7 no', false],
    ['image/png', '\x89PNG\r\n\x1a\n', true],
    ['image/jpeg', '\xff\xd8\xff\xe0', true],
    ['image/jpeg', '%PDF-1.7', false],
    ['image/tiff', 'II*\x00', true],
    ['image/tiff', 'MM\x00*', true],
    ['image/tiff', 'MM*\x00', false],
  ] as const)('%s starting with %j: %s', (type, start, expected) => {
    expect(looksLike(type, bytes(start))).toBe(expected);
  });

  it('names what does not match: size, then checksum, then type', () => {
    const document = pending({ sizeBytes: 8, sha256: 'b'.repeat(64) });
    const first = bytes('%PDF-1.4');
    expect(
      objectMismatch(document, { sizeBytes: 8, sha256: 'b'.repeat(64), firstBytes: first }),
    ).toBeUndefined();
    expect(
      objectMismatch(document, { sizeBytes: 9, sha256: 'b'.repeat(64), firstBytes: first }),
    ).toContain('9 bytes');
    expect(
      objectMismatch(document, { sizeBytes: 8, sha256: 'c'.repeat(64), firstBytes: first }),
    ).toContain('SHA-256');
    expect(
      objectMismatch(document, {
        sizeBytes: 8,
        sha256: 'b'.repeat(64),
        firstBytes: bytes('Halo, ini'),
      }),
    ).toContain('not a application/pdf file');
  });
});

describe('a document request', () => {
  it('takes a hex SHA-256 in either case and refuses other types, paths and sizes', () => {
    expect(documentRequestSchema.parse(request({ sha256: 'AB'.repeat(32) })).sha256).toBe(
      'ab'.repeat(32),
    );
    for (const bad of [
      { sha256: 'xyz' },
      { contentType: 'text/plain' },
      { fileName: 'a/b.pdf' },
      { fileName: 'a"b.pdf' },
      { sizeBytes: 0 },
      { kind: 'INVOICE' },
    ]) {
      expect([bad, documentRequestSchema.safeParse({ ...request(), ...bad }).success]).toEqual([
        bad,
        false,
      ]);
    }
  });

  const limits = { maxBytes: 2000, documents: 0 };
  it('is refused over the size limit and the per-agreement bound', () => {
    expect(checkRequest(handingOver, request({ sizeBytes: 2001 }), limits)?.code).toBe(
      'DOCUMENT_TOO_LARGE',
    );
    expect(checkRequest(handingOver, request(), limits)).toBeUndefined();
    expect(
      checkRequest(handingOver, request(), { ...limits, documents: MAX_DOCUMENTS_PER_AGREEMENT })
        ?.code,
    ).toBe('AGREEMENT_TOO_LARGE');
  });

  it('documents only a recorded milestone of its kind, of an application of the agreement', () => {
    const bast = (appId: string) =>
      request({ kind: 'BAST', milestone: { type: 'APP_HANDED_OVER', appId } });
    expect(checkRequest(handingOver, bast('sabilulungan'), limits)).toBeUndefined();
    expect(checkRequest(handingOver, bast('e-rk'), limits)?.code).toBe('MILESTONE_NOT_RECORDED');
    expect(checkRequest(handingOver, bast('not-an-app'), limits)?.code).toBe(
      'APP_NOT_IN_AGREEMENT',
    );
    expect(
      checkRequest(handingOver, request({ milestone: { type: 'MOU_SIGNED' } }), limits)?.code,
    ).toBe('MILESTONE_MISMATCH');
    expect(checkRequest(inPks, request({ milestone: { type: 'PKS_SIGNED' } }), limits)?.code).toBe(
      'MILESTONE_NOT_RECORDED',
    );
    expect(
      checkRequest(inPks, request({ kind: 'OTHER', milestone: { type: 'MOU_SIGNED' } }), limits),
    ).toBeUndefined();
  });
});

describe('who attaches and withdraws', () => {
  it('lets both sides attach what they sign or report, and only the host a BAST', () => {
    expect(canAttach(host, handingOver, 'BAST')).toBe(true);
    expect(canAttach(partner, handingOver, 'BAST')).toBe(false);
    expect(canAttach(partner, handingOver, 'PKS')).toBe(true);
    expect(canAttach(otherPartner, handingOver, 'PKS')).toBe(false);
    expect(canAttach({ subject: 'x', role: 'NONE' }, handingOver, 'OTHER')).toBe(false);
  });

  it('lets a partner withdraw only its side’s documents, the host any', () => {
    const hostDocument = pending({ status: 'ATTACHED' });
    const partnerDocument = pending({ status: 'ATTACHED', side: 'PARTNER' });
    expect(canWithdraw(host, handingOver, partnerDocument)).toBe(true);
    expect(canWithdraw(partner, handingOver, partnerDocument)).toBe(true);
    expect(canWithdraw(partner, handingOver, hostDocument)).toBe(false);
    expect(canWithdraw(otherPartner, handingOver, partnerDocument)).toBe(false);
  });
});

describe('the history of a document', () => {
  it('attaches with DOCUMENT_ATTACHED by who uploaded it, marking the replaced one', () => {
    const old = pending({ documentId: 'D0', status: 'ATTACHED' });
    const change = attachDocument(handingOver, pending({ replaces: 'D0' }), old, NOW);
    expect(change.agreement.version).toBe(handingOver.version + 1);
    expect(change.documents).toEqual([
      {
        document: expect.objectContaining({
          documentId: 'D1',
          status: 'ATTACHED',
          attachedAt: NOW.toISOString(),
        }),
        was: 'PENDING',
      },
      {
        document: expect.objectContaining({ documentId: 'D0', replacedBy: 'D1' }),
        was: 'ATTACHED',
      },
    ]);
    expect(change.events).toEqual([
      {
        type: 'DOCUMENT_ATTACHED',
        at: NOW.toISOString(),
        actor: 'host-1',
        actorEmail: 'host@bandung.example.go.id',
        data: expect.objectContaining({
          documentId: 'D1',
          kind: 'PKS',
          sha256: 'a'.repeat(64),
          replaces: 'D0',
        }),
      },
    ]);
    expect(checkReplaced(change.documents[1]?.document)?.code).toBe('DOCUMENT_NOT_REPLACEABLE');
    expect(checkReplaced(undefined)?.code).toBe('DOCUMENT_NOT_REPLACEABLE');
  });

  it('withdraws an attached document with its reason, once', () => {
    const attached = pending({ status: 'ATTACHED' });
    const change = withdrawDocument(handingOver, attached, 'Salah berkas', { actor: 'p-1' }, NOW);
    if (!('events' in change)) throw new Error(change.message);
    expect(change.documents[0]?.document).toMatchObject({
      status: 'WITHDRAWN',
      withdrawal: { reason: 'Salah berkas', by: 'p-1', at: NOW.toISOString() },
    });
    expect(change.events[0]).toMatchObject({
      type: 'DOCUMENT_WITHDRAWN',
      data: { reason: 'Salah berkas' },
    });
    const again = withdrawDocument(
      handingOver,
      change.documents[0]?.document ?? attached,
      'x',
      { actor: 'p-1' },
      NOW,
    );
    expect('code' in again && again.code).toBe('DOCUMENT_NOT_ATTACHED');
  });
});

describe('the download’s Content-Disposition', () => {
  it('names the file safely, with the exact name percent-encoded', () => {
    expect(contentDisposition('PKS Kubu Raya.pdf')).toBe(
      `attachment; filename="PKS Kubu Raya.pdf"; filename*=UTF-8''PKS%20Kubu%20Raya.pdf`,
    );
    expect(contentDisposition('Berita “Acara” 100%.pdf')).toBe(
      `attachment; filename="Berita _Acara_ 100_.pdf"; filename*=UTF-8''Berita%20%E2%80%9CAcara%E2%80%9D%20100%25.pdf`,
    );
  });
});
