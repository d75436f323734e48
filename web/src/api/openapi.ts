// Generated from docs/openapi.json by scripts/web-api-types.ts (npm run build:web): do not edit.
export interface paths {
  '/agreements': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List agreements by stage, province, partner region, stalled, needs attention, dormancy or text; newest or longest waiting first */
    get: operations['list-agreements'];
    put?: never;
    /** Register an agreement (optionally with the milestones it already reached) and start its workflow */
    post: operations['create-agreement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The agreement list, with any filter of the list, as a CSV or XLSX file (one row per agreement; in XLSX optionally a sheet per application) */
    get: operations['export-agreements'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One agreement: stage, applications, milestones, next reminder */
    get: operations['get-agreement'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/milestones': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record a milestone; the workflow resumes asynchronously */
    post: operations['record-milestone'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every milestone, stage change, reminder, escalation and failure, oldest first */
    get: operations['get-history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel an agreement; later milestones are refused */
    post: operations['cancel-agreement'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reports/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The dashboard: agreements per stage, the stalled ones, those needing attention, upcoming trainings, recent activity */
    get: operations['get-report-summary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/nudges/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Wake the dormant waits of an agreement (its reminders ended unanswered) with a fresh ladder */
    post: operations['resume-nudges'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The attached and withdrawn documents of an agreement, oldest first */
    get: operations['list-documents'];
    put?: never;
    /** Announce a document (kind, file name, type, size, SHA-256) and get a presigned URL to upload its file to */
    post: operations['request-upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/documents/{documentId}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Check the uploaded file (size, SHA-256, that it is what its type says) and attach it; a file that does not match is deleted (422) */
    post: operations['complete-upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/documents/{documentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One document, with a short-lived URL that downloads its file */
    get: operations['get-document'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/documents/{documentId}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw a document with a reason; the history keeps it, the file is not deleted */
    post: operations['withdraw-document'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/reports/{reportId}/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm an official’s report (with corrections, if any): it becomes the milestone, naming the official and the coordinator */
    post: operations['confirm-report'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/reports/{reportId}/reject': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reject an official’s report, with the reason */
    post: operations['reject-report'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/agreements/{id}/contacts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Replace the contacts (a partner’s coordinator: those of its own side); the next nudge goes to them */
    put: operations['replace-contacts'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/actions/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What a nudge’s action link is about: the agreement, what is awaited, the answers allowed. Changes nothing */
    get: operations['get-action'];
    put?: never;
    /** An official’s answer through an action link: DONE, OBSTACLE or WRONG_PERSON; the link is then spent */
    post: operations['answer-action'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/reports/cycle-times': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Days spent in each stage (median, 90th percentile), ages of those still in it, nudges before each milestone, share live; overall, by year of MoU, province and application */
    get: operations['cycle-times'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/apps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The application catalog */
    get: operations['list-apps'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/regions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Search the official Kemendagri regions by name or code */
    get: operations['search-regions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This API, as an OpenAPI 3.1 document */
    get: operations['get-openapi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    NewAgreement: {
      title: string;
      partnerRegion: {
        code: string;
      };
      hostRegion?: {
        code: string;
      };
      apps: {
        id: string;
      }[];
      contacts: {
        name: string;
        /** Format: email */
        email: string;
        /** @enum {string} */
        role: 'COORDINATOR' | 'OFFICIAL' | 'ESCALATION';
        /** @enum {string} */
        side: 'HOST' | 'PARTNER';
        /**
         * @default id
         * @enum {string}
         */
        locale: 'id' | 'en';
      }[];
      milestones?: components['schemas']['Milestone'][];
      reminderPolicy?: {
        officeHours?: {
          start: string;
          end: string;
        };
        MOU?: {
          firstAfterDays: number;
          everyDays: number;
          escalateAfter: number;
          maxEscalations?: number;
          escalationEveryDays?: number;
        };
        PKS?: {
          firstAfterDays: number;
          everyDays: number;
          escalateAfter: number;
          maxEscalations?: number;
          escalationEveryDays?: number;
        };
        HANDOVER?: {
          firstAfterDays: number;
          everyDays: number;
          escalateAfter: number;
          maxEscalations?: number;
          escalationEveryDays?: number;
        };
        TRAINING?: {
          firstAfterDays: number;
          everyDays: number;
          escalateAfter: number;
          maxEscalations?: number;
          escalationEveryDays?: number;
          remindDaysBefore?: number;
        };
        FOLLOW_UP?: {
          checkInAfterDays: number[];
          windowDays: number;
        };
        expiryNoticeDays?: number[];
      };
    };
    Milestone:
      | {
          /** @constant */
          type: 'MOU_SIGNED';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          /** Format: date */
          validUntil?: string;
        }
      | {
          /** @constant */
          type: 'PKS_SIGNED';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          /** Format: date */
          validUntil?: string;
        }
      | {
          /** @constant */
          type: 'APP_HANDED_OVER';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          appId: string;
          bastNumber?: string;
          appVersion?: string;
          deliverables?: (
            'SOURCE_CODE' | 'DOCUMENTATION' | 'INSTALLATION' | 'HOSTING' | 'DATABASE'
          )[];
        }
      | {
          /** @constant */
          type: 'APP_DROPPED';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          appId: string;
          reason: string;
        }
      | {
          /** @constant */
          type: 'TRAINING_SCHEDULED';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          /** Format: date */
          startsOn: string;
          /** Format: date */
          endsOn: string;
          location?: string;
        }
      | {
          /** @constant */
          type: 'TRAINING_COMPLETED';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          participants?: number;
        }
      | {
          /** @constant */
          type: 'FOLLOW_UP_REPORTED';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          appId: string;
          live: boolean;
        }
      | {
          /** @constant */
          type: 'TERM_AMENDED';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          /** Format: date */
          validUntil: string;
          extendsBeyondMaxTerm?: boolean;
        }
      | {
          /** @constant */
          type: 'TERM_RENEWED';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          /** Format: date */
          validUntil: string;
        }
      | {
          /** @constant */
          type: 'AGREEMENT_TERMINATED';
          /** Format: date */
          occurredAt: string;
          documentNumbers?: {
            host?: string;
            partner?: string;
          };
          signatories?: {
            name: string;
            position: string;
            /** @enum {string} */
            side: 'HOST' | 'PARTNER';
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          }[];
          notes?: string;
          reason: string;
        };
    Cancellation: {
      reason: string;
    };
    RequestUploadRequest: {
      /** @enum {string} */
      kind: 'MOU' | 'PKS' | 'AMENDMENT' | 'BAST' | 'TRAINING_REPORT' | 'FOLLOW_UP_REPORT' | 'OTHER';
      fileName: string;
      /** @enum {string} */
      contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff';
      sizeBytes: number;
      sha256: string;
      milestone?: {
        /** @enum {string} */
        type:
          | 'MOU_SIGNED'
          | 'PKS_SIGNED'
          | 'APP_HANDED_OVER'
          | 'APP_DROPPED'
          | 'TRAINING_SCHEDULED'
          | 'TRAINING_COMPLETED'
          | 'FOLLOW_UP_REPORTED'
          | 'TERM_AMENDED'
          | 'TERM_RENEWED'
          | 'AGREEMENT_TERMINATED';
        /** @description The application, for a per-application milestone */
        appId?: string;
      };
      /** @description The document this one is a new version of */
      replaces?: string;
    };
    WithdrawDocumentRequest: {
      reason: string;
    };
    ConfirmReportRequest: {
      /** Format: date */
      occurredAt?: string;
      documentNumber?: string;
      signatory?: {
        name: string;
        position: string;
        /**
         * @default DEFINITIVE
         * @enum {string}
         */
        capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
        onBehalfOf?: string;
        powerOfAttorneyNumber?: string;
      };
      appId?: string;
      live?: boolean;
      notes?: string;
    };
    RejectReportRequest: {
      reason: string;
    };
    ReplaceContactsRequest: {
      contacts: {
        name: string;
        /** Format: email */
        email: string;
        /** @enum {string} */
        role: 'COORDINATOR' | 'OFFICIAL' | 'ESCALATION';
        /** @enum {string} */
        side: 'HOST' | 'PARTNER';
        /**
         * @default id
         * @enum {string}
         */
        locale: 'id' | 'en';
      }[];
    };
    AnswerActionRequest:
      | {
          /** Format: date */
          occurredAt: string;
          documentNumber?: string;
          signatory?: {
            name: string;
            position: string;
            /**
             * @default DEFINITIVE
             * @enum {string}
             */
            capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
            onBehalfOf?: string;
            powerOfAttorneyNumber?: string;
          };
          appId?: string;
          live?: boolean;
          notes?: string;
          /** @constant */
          answer: 'DONE';
        }
      | {
          /** @constant */
          answer: 'OBSTACLE';
          reason: string;
          /** Format: date */
          until: string;
        }
      | {
          /** @constant */
          answer: 'WRONG_PERSON';
          suggestedContact: {
            name: string;
            position: string;
            /** Format: email */
            email: string;
          };
        };
    Agreement: {
      id: string;
      title: string;
      /** @enum {string} */
      stage: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP' | 'COMPLETED' | 'CANCELLED';
      /** Format: date */
      stageEnteredOn: string;
      hostRegion: components['schemas']['Region'];
      partnerRegion: components['schemas']['Region'];
      apps: {
        id: string;
        name: string;
        /** @enum {string} */
        status: 'PENDING' | 'HANDED_OVER' | 'DROPPED' | 'LIVE' | 'NOT_LIVE';
        /** Format: date */
        handedOverOn?: string;
        bastNumber?: string;
        droppedReason?: string;
        /** Format: date */
        lastReportedOn?: string;
      }[];
      contacts: {
        name: string;
        /** Format: email */
        email: string;
        /** @enum {string} */
        role: 'COORDINATOR' | 'OFFICIAL' | 'ESCALATION';
        /** @enum {string} */
        side: 'HOST' | 'PARTNER';
        /**
         * @default id
         * @enum {string}
         */
        locale: 'id' | 'en';
      }[];
      /** @description The latest milestone of each type, without notes, signatories and document numbers; the history holds every milestone in full */
      milestones: (
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'MOU_SIGNED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            validUntil?: string;
          }
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'PKS_SIGNED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            validUntil?: string;
          }
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'APP_HANDED_OVER';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            appId: string;
            bastNumber?: string;
            appVersion?: string;
            deliverables?: (
              'SOURCE_CODE' | 'DOCUMENTATION' | 'INSTALLATION' | 'HOSTING' | 'DATABASE'
            )[];
          }
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'APP_DROPPED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            appId: string;
            reason: string;
          }
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'TRAINING_SCHEDULED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            startsOn: string;
            /** Format: date */
            endsOn: string;
            location?: string;
          }
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'TRAINING_COMPLETED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            participants?: number;
          }
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'FOLLOW_UP_REPORTED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            appId: string;
            live: boolean;
          }
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'TERM_AMENDED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            validUntil: string;
            extendsBeyondMaxTerm?: boolean;
          }
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'TERM_RENEWED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            validUntil: string;
          }
        | {
            recordedAt: string;
            recordedBy: string;
            /** @constant */
            type: 'AGREEMENT_TERMINATED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            reason: string;
          }
      )[];
      /** @description Milestones recorded per type (per application for application milestones) */
      milestoneCounts: {
        [key: string]: number;
      };
      reminderPolicy: {
        officeHours: {
          start: string;
          end: string;
        };
        MOU: {
          firstAfterDays: number;
          everyDays: number;
          escalateAfter: number;
          maxEscalations?: number;
          escalationEveryDays?: number;
        };
        PKS: {
          firstAfterDays: number;
          everyDays: number;
          escalateAfter: number;
          maxEscalations?: number;
          escalationEveryDays?: number;
        };
        HANDOVER: {
          firstAfterDays: number;
          everyDays: number;
          escalateAfter: number;
          maxEscalations?: number;
          escalationEveryDays?: number;
        };
        TRAINING: {
          firstAfterDays: number;
          everyDays: number;
          escalateAfter: number;
          maxEscalations?: number;
          escalationEveryDays?: number;
          remindDaysBefore?: number;
        };
        FOLLOW_UP: {
          checkInAfterDays: number[];
          windowDays: number;
        };
        expiryNoticeDays: number[];
      };
      /** @description When the next reminder of a pending step is due, if any */
      nextReminderDueAt?: string;
      /** @description The term of the PKS (or KSB) in force, if one has a term */
      term?: components['schemas']['Term'];
      /** @description Nudges sent so far, per wait */
      remindersSent: {
        [key: string]: number;
      };
      /** @description The waits whose reminders ended unanswered (WAIT_DORMANT): no nudges until a milestone, a contact change or POST /agreements/{id}/nudges/resume wakes them */
      dormant: string[];
      /** @description Set when the workflow failed on this agreement; operations were told */
      needsAttention?: {
        since: string;
        error: string;
        cause: string;
      };
      cancellation?: {
        reason: string;
        cancelledAt: string;
        /** @description The coordinator’s Cognito subject */
        cancelledBy: string;
        /** @description Their address, for display */
        cancelledByEmail?: string;
      };
      /** @description The Step Functions execution driving it */
      executionArn?: string;
      /** @description Officials’ reports (through action links) waiting for a coordinator to confirm */
      pendingReports?: components['schemas']['PendingReport'][];
      /** @description Waits whose reminders an official paused until a date, by wait key */
      pausedWaits?: {
        [key: string]: {
          /** Format: date */
          until: string;
          reason: string;
          since: string;
          by: {
            name: string;
            email: string;
          };
        };
      };
      createdAt: string;
      updatedAt: string;
      version: number;
    };
    AgreementPage: {
      items: components['schemas']['AgreementSummary'][];
      /** @description Pass as `cursor` for the next page */
      nextCursor?: string;
    };
    HistoryEvent: {
      version: number;
      index: number;
      type: string;
      at: string;
      /** @description Who caused it: a coordinator’s Cognito subject, or `workflow` / `email-feedback` */
      actor: string;
      /** @description The coordinator’s address when they caused it, for display */
      actorEmail?: string;
      data: {
        [key: string]: unknown;
      };
    };
    HistoryPage: {
      items: components['schemas']['HistoryEvent'][];
      /** @description Pass as `cursor` for the next page */
      nextCursor?: string;
    };
    ReportSummary: {
      generatedAt: string;
      /** @description Present when the summary covers one partner region only */
      partnerRegion?: components['schemas']['Region'];
      /** @description Agreements per stage: every stage, in the order of the lifecycle, zeros included */
      stageCounts: {
        /** @enum {string} */
        stage: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP' | 'COMPLETED' | 'CANCELLED';
        count: number;
      }[];
      /** @description All agreements of the scope, the sum of `stageCounts` */
      total: number;
      /** @description Agreements overdue in their stage (reminders sent, perhaps escalated), longest waiting first */
      stalled: components['schemas']['AgreementSummary'][];
      /** @description Agreements the workflow failed on, longest waiting in their stage first */
      needsAttention: {
        agreement: components['schemas']['AgreementSummary'];
        /** @description When the workflow failed */
        since: string;
        error: string;
      }[];
      /** @description Trainings scheduled from today on, soonest first */
      upcomingTrainings: {
        agreement: components['schemas']['AgreementSummary'];
        /** Format: date */
        startsOn: string;
        /** Format: date */
        endsOn: string;
        location?: string;
      }[];
      /** @description The latest history events of the scope, newest first (no workflow bookkeeping) */
      recentActivity: components['schemas']['Activity'][];
      /** @description Agreements with officials’ reports (through action links) waiting for a coordinator to confirm or reject, oldest report first */
      pendingReports: {
        agreement: components['schemas']['AgreementSummary'];
        /** @description Reports waiting on this agreement */
        count: number;
        /** @description When the oldest of them came in */
        since: string;
      }[];
    };
    Application: {
      /** @description What `apps[].id` of a new agreement refers to */
      id: string;
      name: string;
      category: string;
      /** @description Serves citizens directly (some partners take only these) */
      publicService: boolean;
      /** @description In Indonesian and English */
      description: {
        id: string;
        en: string;
      };
    };
    ApplicationList: {
      items: components['schemas']['Application'][];
    };
    Region: {
      /** @description Kemendagri code: "32" for a province, "32.73" for a regency/city */
      code: string;
      name: string;
      /** @enum {string} */
      type: 'PROVINSI' | 'KABUPATEN' | 'KOTA';
      provinceCode: string;
      provinceName: string;
      /** @description IANA time zone, such as Asia/Jakarta */
      timeZone: string;
      /** @description WIB, WITA or WIT */
      timeZoneLabel: string;
    };
    RegionList: {
      items: components['schemas']['Region'][];
    };
    Health: {
      /** @constant */
      status: 'ok';
    };
    HealthProblem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string;
      errors?: {
        field: string;
        message: string;
      }[];
      code?: string;
      details?: {
        [key: string]: unknown;
      };
      /** @description API Gateway’s id of the request, in its own answers: quote it to support */
      requestId?: string;
      parts: {
        /** @description The part and its address, e.g. DynamoDB Local at http://... */
        name: string;
        /** @constant */
        ready: false;
        /** @description Why it is not ready */
        detail?: string;
      }[];
    };
    CycleTimeReport: {
      /** @description The instant ages are counted to */
      asOf: string;
      overall: {
        /** @description Year of MoU (NO_MOU before it), province code or application id */
        key: string;
        label: string;
        agreements: number;
        stages: {
          /** @enum {string} */
          stage: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP';
          /** @description Agreements that left the stage: days it took, nudges sent before the milestone */
          completed: {
            count: number;
            /** @description Median, whole days (the mean of the two middle values if even) */
            medianDays: number | null;
            /** @description 90th percentile (nearest rank), whole days */
            p90Days: number | null;
            averageNudges: number | null;
            averageEscalations: number | null;
          };
          /** @description Agreements still in the stage: their age in it */
          ongoing: {
            count: number;
            /** @description Median, whole days (the mean of the two middle values if even) */
            medianDays: number | null;
            /** @description 90th percentile (nearest rank), whole days */
            p90Days: number | null;
            oldestDays: number | null;
          };
        }[];
        /** @description Agreements whose kept applications are all live */
        live: {
          agreements: number;
          share: number | null;
        };
      };
      byMouYear: {
        /** @description Year of MoU (NO_MOU before it), province code or application id */
        key: string;
        label: string;
        agreements: number;
        stages: {
          /** @enum {string} */
          stage: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP';
          /** @description Agreements that left the stage: days it took, nudges sent before the milestone */
          completed: {
            count: number;
            /** @description Median, whole days (the mean of the two middle values if even) */
            medianDays: number | null;
            /** @description 90th percentile (nearest rank), whole days */
            p90Days: number | null;
            averageNudges: number | null;
            averageEscalations: number | null;
          };
          /** @description Agreements still in the stage: their age in it */
          ongoing: {
            count: number;
            /** @description Median, whole days (the mean of the two middle values if even) */
            medianDays: number | null;
            /** @description 90th percentile (nearest rank), whole days */
            p90Days: number | null;
            oldestDays: number | null;
          };
        }[];
        /** @description Agreements whose kept applications are all live */
        live: {
          agreements: number;
          share: number | null;
        };
      }[];
      byProvince: {
        /** @description Year of MoU (NO_MOU before it), province code or application id */
        key: string;
        label: string;
        agreements: number;
        stages: {
          /** @enum {string} */
          stage: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP';
          /** @description Agreements that left the stage: days it took, nudges sent before the milestone */
          completed: {
            count: number;
            /** @description Median, whole days (the mean of the two middle values if even) */
            medianDays: number | null;
            /** @description 90th percentile (nearest rank), whole days */
            p90Days: number | null;
            averageNudges: number | null;
            averageEscalations: number | null;
          };
          /** @description Agreements still in the stage: their age in it */
          ongoing: {
            count: number;
            /** @description Median, whole days (the mean of the two middle values if even) */
            medianDays: number | null;
            /** @description 90th percentile (nearest rank), whole days */
            p90Days: number | null;
            oldestDays: number | null;
          };
        }[];
        /** @description Agreements whose kept applications are all live */
        live: {
          agreements: number;
          share: number | null;
        };
      }[];
      byApp: {
        /** @description Year of MoU (NO_MOU before it), province code or application id */
        key: string;
        label: string;
        agreements: number;
        stages: {
          /** @enum {string} */
          stage: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP';
          /** @description Agreements that left the stage: days it took, nudges sent before the milestone */
          completed: {
            count: number;
            /** @description Median, whole days (the mean of the two middle values if even) */
            medianDays: number | null;
            /** @description 90th percentile (nearest rank), whole days */
            p90Days: number | null;
            averageNudges: number | null;
            averageEscalations: number | null;
          };
          /** @description Agreements still in the stage: their age in it */
          ongoing: {
            count: number;
            /** @description Median, whole days (the mean of the two middle values if even) */
            medianDays: number | null;
            /** @description 90th percentile (nearest rank), whole days */
            p90Days: number | null;
            oldestDays: number | null;
          };
        }[];
        /** @description Agreements whose kept applications are all live */
        live: {
          agreements: number;
          share: number | null;
        };
      }[];
    };
    Problem: {
      type: string;
      title: string;
      status: number;
      detail: string;
      instance?: string;
      errors?: {
        field: string;
        message: string;
      }[];
      code?: string;
      details?: {
        [key: string]: unknown;
      };
      /** @description API Gateway’s id of the request, in its own answers: quote it to support */
      requestId?: string;
    };
    Document: {
      documentId: string;
      /** @enum {string} */
      kind: 'MOU' | 'PKS' | 'AMENDMENT' | 'BAST' | 'TRAINING_REPORT' | 'FOLLOW_UP_REPORT' | 'OTHER';
      fileName: string;
      /** @enum {string} */
      contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff';
      sizeBytes: number;
      /** @description SHA-256 of the file, hex */
      sha256: string;
      /** @description The milestone the document records */
      milestone?: {
        /** @enum {string} */
        type:
          | 'MOU_SIGNED'
          | 'PKS_SIGNED'
          | 'APP_HANDED_OVER'
          | 'APP_DROPPED'
          | 'TRAINING_SCHEDULED'
          | 'TRAINING_COMPLETED'
          | 'FOLLOW_UP_REPORTED'
          | 'TERM_AMENDED'
          | 'TERM_RENEWED'
          | 'AGREEMENT_TERMINATED';
        /** @description The application, for a per-application milestone */
        appId?: string;
      };
      /** @description The document this one is a new version of */
      replaces?: string;
      /** @description The newer version of this document */
      replacedBy?: string;
      /** @enum {string} */
      status: 'PENDING' | 'ATTACHED' | 'WITHDRAWN';
      /**
       * @description The side of the coordinator who attached it
       * @enum {string}
       */
      side: 'HOST' | 'PARTNER';
      /** @description The Cognito subject of who attached it */
      attachedBy: string;
      attachedByEmail?: string;
      requestedAt: string;
      attachedAt?: string;
      withdrawal?: {
        reason: string;
        at: string;
        by: string;
        byEmail?: string;
      };
    };
    DocumentPage: {
      items: components['schemas']['Document'][];
      /** @description Pass as `cursor` for the next page */
      nextCursor?: string;
    };
    DocumentUpload: {
      documentId: string;
      /** @constant */
      status: 'PENDING';
      /** @description Upload the file here, then POST .../complete */
      upload: {
        /** @enum {string} */
        method: 'PUT' | 'POST';
        url: string;
        /** @description Send these headers with the file, as they are */
        headers?: {
          [key: string]: string;
        };
        /** @description Form fields of a POST */
        fields?: {
          [key: string]: string;
        };
      };
      /** @description The upload URL works until then */
      expiresAt: string;
      document: components['schemas']['Document'];
    };
    DocumentDownload: {
      documentId: string;
      /** @enum {string} */
      kind: 'MOU' | 'PKS' | 'AMENDMENT' | 'BAST' | 'TRAINING_REPORT' | 'FOLLOW_UP_REPORT' | 'OTHER';
      fileName: string;
      /** @enum {string} */
      contentType: 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/tiff';
      sizeBytes: number;
      /** @description SHA-256 of the file, hex */
      sha256: string;
      /** @description The milestone the document records */
      milestone?: {
        /** @enum {string} */
        type:
          | 'MOU_SIGNED'
          | 'PKS_SIGNED'
          | 'APP_HANDED_OVER'
          | 'APP_DROPPED'
          | 'TRAINING_SCHEDULED'
          | 'TRAINING_COMPLETED'
          | 'FOLLOW_UP_REPORTED'
          | 'TERM_AMENDED'
          | 'TERM_RENEWED'
          | 'AGREEMENT_TERMINATED';
        /** @description The application, for a per-application milestone */
        appId?: string;
      };
      /** @description The document this one is a new version of */
      replaces?: string;
      /** @description The newer version of this document */
      replacedBy?: string;
      /** @enum {string} */
      status: 'PENDING' | 'ATTACHED' | 'WITHDRAWN';
      /**
       * @description The side of the coordinator who attached it
       * @enum {string}
       */
      side: 'HOST' | 'PARTNER';
      /** @description The Cognito subject of who attached it */
      attachedBy: string;
      attachedByEmail?: string;
      requestedAt: string;
      attachedAt?: string;
      withdrawal?: {
        reason: string;
        at: string;
        by: string;
        byEmail?: string;
      };
      /** @description Downloads the file (Content-Disposition: attachment) */
      url: string;
      /** @description The URL works until then */
      expiresAt: string;
    };
    Action: {
      agreement: {
        id: string;
        title: string;
        /** @enum {string} */
        stage: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP' | 'COMPLETED' | 'CANCELLED';
        hostRegion: {
          code: string;
          name: string;
        };
        partnerRegion: {
          code: string;
          name: string;
        };
        apps: {
          id: string;
          name: string;
          /** @enum {string} */
          status: 'PENDING' | 'HANDED_OVER' | 'DROPPED' | 'LIVE' | 'NOT_LIVE';
        }[];
      };
      /** @description The step the link is about */
      awaited: {
        waitKey: string;
        /** @description What is awaited: MOU, PKS, HANDOVER, TRAINING_..., FOLLOW_UP */
        route: string;
        app?: {
          id: string;
          name: string;
        };
      };
      /** @description The answers this link allows */
      answers: ('DONE' | 'OBSTACLE' | 'WRONG_PERSON')[];
      /** @description Whom the link was sent to */
      holder: {
        name: string;
      };
      expiresAt: string;
    };
    ActionResult: {
      /** @enum {string} */
      answer: 'DONE' | 'OBSTACLE' | 'WRONG_PERSON';
      /** @description DONE: the report a coordinator confirms or rejects */
      reportId?: string;
      /** @description OBSTACLE: reminders of this step pause until then */
      pause?: {
        /** Format: date */
        until: string;
        reason: string;
      };
    };
    PendingReport: {
      /** @description The `reportId` of the confirm and reject routes */
      id: string;
      /** @description The wait it answers, e.g. `PKS` or `HANDOVER#e-rk` */
      waitKey: string;
      details: {
        /** Format: date */
        occurredAt: string;
        documentNumber?: string;
        signatory?: {
          name: string;
          position: string;
          /**
           * @default DEFINITIVE
           * @enum {string}
           */
          capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
          onBehalfOf?: string;
          powerOfAttorneyNumber?: string;
        };
        appId?: string;
        live?: boolean;
        notes?: string;
      };
      /** @description The milestone it records once confirmed, as reported */
      milestone:
        | {
            /** @constant */
            type: 'MOU_SIGNED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            validUntil?: string;
          }
        | {
            /** @constant */
            type: 'PKS_SIGNED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            validUntil?: string;
          }
        | {
            /** @constant */
            type: 'APP_HANDED_OVER';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            appId: string;
            bastNumber?: string;
            appVersion?: string;
            deliverables?: (
              'SOURCE_CODE' | 'DOCUMENTATION' | 'INSTALLATION' | 'HOSTING' | 'DATABASE'
            )[];
          }
        | {
            /** @constant */
            type: 'APP_DROPPED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            appId: string;
            reason: string;
          }
        | {
            /** @constant */
            type: 'TRAINING_SCHEDULED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            startsOn: string;
            /** Format: date */
            endsOn: string;
            location?: string;
          }
        | {
            /** @constant */
            type: 'TRAINING_COMPLETED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            participants?: number;
          }
        | {
            /** @constant */
            type: 'FOLLOW_UP_REPORTED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            appId: string;
            live: boolean;
          }
        | {
            /** @constant */
            type: 'TERM_AMENDED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            validUntil: string;
            extendsBeyondMaxTerm?: boolean;
          }
        | {
            /** @constant */
            type: 'TERM_RENEWED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            /** Format: date */
            validUntil: string;
          }
        | {
            /** @constant */
            type: 'AGREEMENT_TERMINATED';
            /** Format: date */
            occurredAt: string;
            documentNumbers?: {
              host?: string;
              partner?: string;
            };
            signatories?: {
              name: string;
              position: string;
              /** @enum {string} */
              side: 'HOST' | 'PARTNER';
              /**
               * @default DEFINITIVE
               * @enum {string}
               */
              capacity: 'DEFINITIVE' | 'ACTING' | 'ON_BEHALF' | 'POWER_OF_ATTORNEY';
              onBehalfOf?: string;
              powerOfAttorneyNumber?: string;
            }[];
            notes?: string;
            reason: string;
          };
      reportedBy: {
        name: string;
        email: string;
        /** @enum {string} */
        side: 'HOST' | 'PARTNER';
        /** @enum {string} */
        role: 'COORDINATOR' | 'OFFICIAL' | 'ESCALATION';
      };
      reportedAt: string;
      /** @constant */
      channel: 'EMAIL_LINK';
    };
    Term: {
      /**
       * Format: date
       * @description The last day the document is in force
       */
      validUntil: string;
      /**
       * @description The PKS in force, or before it the KSB (MoU)
       * @enum {string}
       */
      document: 'PKS' | 'MOU';
      /**
       * @description EXPIRING inside the first expiry-notice window; computed from the dates and today
       * @enum {string}
       */
      status: 'IN_FORCE' | 'EXPIRING' | 'EXPIRED' | 'TERMINATED';
      /** @description Days from today (the partner’s date) to validUntil; 0 once over */
      daysLeft: number;
      /**
       * @description The PKS named no end: it runs the legal maximum (5 years) from its signing
       * @constant
       */
      maxTermAssumed?: true;
    };
    AgreementSummary: {
      id: string;
      title: string;
      /** @enum {string} */
      stage: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP' | 'COMPLETED' | 'CANCELLED';
      /** Format: date */
      stageEnteredOn: string;
      hostRegion: components['schemas']['Region'];
      partnerRegion: components['schemas']['Region'];
      /** @description When the next reminder of a pending step is due, if any */
      nextReminderDueAt?: string;
      /** @description The waits whose reminders ended unanswered (WAIT_DORMANT): no nudges until a milestone, a contact change or POST /agreements/{id}/nudges/resume wakes them */
      dormant: string[];
      /** @description The term of the PKS (or KSB) in force, if one has a term */
      term?: components['schemas']['Term'];
      /** @description The Step Functions execution driving it */
      executionArn?: string;
      createdAt: string;
      updatedAt: string;
      version: number;
      apps: {
        id: string;
        name: string;
        /** @enum {string} */
        status: 'PENDING' | 'HANDED_OVER' | 'DROPPED' | 'LIVE' | 'NOT_LIVE';
      }[];
      /** @description Present (true) when the workflow failed on this agreement */
      needsAttention?: boolean;
      /** @description How long and how overdue the current stage is; absent once COMPLETED or CANCELLED */
      waiting?: components['schemas']['Waiting'];
    };
    Waiting: {
      /** @description Whole days since the current stage began */
      days: number;
      /** @description Reminders sent in the current stage, its opening message not counted */
      remindersSent: number;
      /** @description Overdue against the reminder policy: at least one reminder was sent */
      stalled: boolean;
      /** @description The escalation to the escalation contacts went out in this stage */
      escalated: boolean;
    };
    Activity: {
      agreementId: string;
      title: string;
      partnerRegion: {
        /** @description Kemendagri code: "32" for a province, "32.73" for a regency/city */
        code: string;
        name: string;
      };
      /** @description The history event type, e.g. MILESTONE_RECORDED */
      type: string;
      at: string;
      actor: string;
      actorEmail?: string;
      milestoneType?: string;
      appId?: string;
      /** @enum {string} */
      fromStage?: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP' | 'COMPLETED' | 'CANCELLED';
      /** @enum {string} */
      toStage?: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP' | 'COMPLETED' | 'CANCELLED';
      nudgeKind?: string;
    };
  };
  responses: {
    /** @description The request is invalid (see `errors`) or refused by the agreement rules */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No valid bearer token */
    Unauthorized: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The caller’s role may not do this */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No such agreement, or not one the caller may see */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Not possible in the agreement’s current state (its `code` says why), or `conflict-retry`: changed by concurrent requests, retry after `Retry-After` seconds */
    Conflict: {
      headers: {
        /** @description Seconds to wait before retrying */
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body exceeds 256 KiB */
    ContentTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body is not sent as JSON */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The Idempotency-Key was already used for a different request */
    IdempotencyKeyReused: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Throttled by API Gateway: retry in a few seconds */
    TooManyRequests: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Something went wrong on the server */
    InternalError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description `service-unavailable`: the database or the workflow service is unavailable or busy; or `workflow-unavailable`: stored, but the workflow did not start. Retry after `Retry-After` seconds (with the same Idempotency-Key) */
    ServiceUnavailable: {
      headers: {
        /** @description Seconds to wait before retrying */
        'Retry-After'?: number;
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No answer in time: retry later (with the same Idempotency-Key for writes) */
    GatewayTimeout: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
  };
  parameters: {
    /** @description The agreement’s id */
    AgreementId: string;
    /** @description The document’s id */
    DocumentId: string;
    /** @description Makes a retry safe: the same key with the same request answers as the first attempt did. 1-255 visible ASCII characters. */
    IdempotencyKey: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  'list-agreements': {
    parameters: {
      query?: {
        /** @description Only agreements in this stage */
        stage?: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP' | 'COMPLETED' | 'CANCELLED';
        /** @description Only agreements whose partner region lies in this province (Kemendagri code) */
        province?: string;
        /** @description Only agreements with this partner region (Kemendagri code, e.g. 61.12) */
        partnerRegion?: string;
        /** @description `true`: only agreements whose current stage is overdue against their reminder policy (at least one reminder sent); `false`: only the others */
        stalled?: 'true' | 'false';
        /** @description `true`: only agreements the workflow failed on; `false`: only the others */
        needsAttention?: 'true' | 'false';
        /** @description Text search, case- and accent-insensitive, in the title and the partner region name */
        q?: string;
        /** @description `newest`: newest first; `longest-waiting`: longest in their current stage first */
        sort?: 'newest' | 'longest-waiting';
        /** @description Page size */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        /** @description true: only agreements with a dormant wait (reminders ended unanswered); false: none */
        dormant?: 'true' | 'false';
        /** @description Only agreements whose term has this status today (soonest end first) */
        termStatus?: 'IN_FORCE' | 'EXPIRING' | 'EXPIRED' | 'TERMINATED';
        /** @description Only terms in force that end within this many days from today (today included) */
        expiringWithinDays?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of agreements */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AgreementPage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'create-agreement': {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request answers as the first attempt did. 1-255 visible ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewAgreement'];
      };
    };
    responses: {
      /** @description The agreement, as stored */
      201: {
        headers: {
          /** @description Where the created resource is */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agreement'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'export-agreements': {
    parameters: {
      query?: {
        /** @description Only agreements in this stage */
        stage?: 'MOU' | 'PKS' | 'HANDOVER' | 'TRAINING' | 'FOLLOW_UP' | 'COMPLETED' | 'CANCELLED';
        /** @description Only agreements whose partner region lies in this province (Kemendagri code) */
        province?: string;
        /** @description Only agreements with this partner region (Kemendagri code, e.g. 61.12) */
        partnerRegion?: string;
        /** @description `true`: only agreements whose current stage is overdue against their reminder policy (at least one reminder sent); `false`: only the others */
        stalled?: 'true' | 'false';
        /** @description `true`: only agreements the workflow failed on; `false`: only the others */
        needsAttention?: 'true' | 'false';
        /** @description Text search, case- and accent-insensitive, in the title and the partner region name */
        q?: string;
        /** @description `newest`: newest first; `longest-waiting`: longest in their current stage first */
        sort?: 'newest' | 'longest-waiting';
        /** @description true: only agreements with a dormant wait (reminders ended unanswered); false: none */
        dormant?: 'true' | 'false';
        /** @description Only agreements whose term has this status today (soonest end first) */
        termStatus?: 'IN_FORCE' | 'EXPIRING' | 'EXPIRED' | 'TERMINATED';
        /** @description Only terms in force that end within this many days from today (today included) */
        expiringWithinDays?: number;
        /** @description csv or xlsx */
        format?: 'csv' | 'xlsx';
        /** @description xlsx only: add a sheet per application (`apps`) */
        sheets?: 'apps';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'get-agreement': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The agreement */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agreement'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'record-milestone': {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request answers as the first attempt did. 1-255 visible ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Milestone'];
      };
    };
    responses: {
      /** @description The agreement with the milestone */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agreement'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'get-history': {
    parameters: {
      query?: {
        /** @description Page size */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of the history */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HistoryPage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'cancel-agreement': {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request answers as the first attempt did. 1-255 visible ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['Cancellation'];
      };
    };
    responses: {
      /** @description The cancelled agreement */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agreement'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'get-report-summary': {
    parameters: {
      query?: {
        /** @description Host coordinators: the summary of one partner region (partners get their own) */
        partnerRegion?: string;
        /** @description How many agreements each list of the summary holds at most */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The summary of what the caller may see */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportSummary'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'resume-nudges': {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request answers as the first attempt did. 1-255 visible ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The agreement, its waits awake */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agreement'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'list-documents': {
    parameters: {
      query?: {
        /** @description Page size */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of documents */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentPage'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'request-upload': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RequestUploadRequest'];
      };
    };
    responses: {
      /** @description The pending document and its upload */
      201: {
        headers: {
          /** @description Where the created resource is */
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentUpload'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'complete-upload': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
        /** @description The document’s id */
        documentId: components['parameters']['DocumentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The attached document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Document'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'get-document': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
        /** @description The document’s id */
        documentId: components['parameters']['DocumentId'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The document and its download URL */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentDownload'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'withdraw-document': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
        /** @description The document’s id */
        documentId: components['parameters']['DocumentId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WithdrawDocumentRequest'];
      };
    };
    responses: {
      /** @description The withdrawn document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Document'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'confirm-report': {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request answers as the first attempt did. 1-255 visible ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
        /** @description The `id` of a pending report (`pendingReports` of the agreement) */
        reportId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ConfirmReportRequest'];
      };
    };
    responses: {
      /** @description The agreement with the milestone */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agreement'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'reject-report': {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request answers as the first attempt did. 1-255 visible ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
        /** @description The `id` of a pending report (`pendingReports` of the agreement) */
        reportId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RejectReportRequest'];
      };
    };
    responses: {
      /** @description The agreement without the report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agreement'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'replace-contacts': {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key with the same request answers as the first attempt did. 1-255 visible ASCII characters. */
        'Idempotency-Key'?: components['parameters']['IdempotencyKey'];
      };
      path: {
        /** @description The agreement’s id */
        id: components['parameters']['AgreementId'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReplaceContactsRequest'];
      };
    };
    responses: {
      /** @description The agreement with its new contacts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Agreement'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'get-action': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The action link’s token: the last path segment of the link in a nudge’s email */
        token: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The action */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Action'];
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'answer-action': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The action link’s token: the last path segment of the link in a nudge’s email */
        token: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AnswerActionRequest'];
      };
    };
    responses: {
      /** @description What was recorded */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ActionResult'];
        };
      };
      400: components['responses']['BadRequest'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['ContentTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'cycle-times': {
    parameters: {
      query?: {
        /** @description Only agreements whose MoU (else registration) is on or after this date */
        from?: string;
        /** @description Only agreements whose MoU (else registration) is on or before this date */
        to?: string;
        /** @description Only agreements whose partner region lies in this province (Kemendagri code) */
        province?: string;
        /** @description Only agreements that include this application */
        app?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The cycle-time report */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CycleTimeReport'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'list-apps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The applications */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplicationList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'search-regions': {
    parameters: {
      query: {
        /** @description Part of a region’s name, or the start of its code */
        q: string;
        /** @description Page size */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Matching regions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RegionList'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  'get-openapi': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
      400: components['responses']['BadRequest'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      504: components['responses']['GatewayTimeout'];
    };
  };
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The API answers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      400: components['responses']['BadRequest'];
      413: components['responses']['ContentTooLarge'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      /** @description Local mode only: a part behind the API does not answer; `parts` names each, with why */
      503: {
        headers: {
          /** @description Seconds to wait before retrying */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['HealthProblem'];
        };
      };
      504: components['responses']['GatewayTimeout'];
    };
  };
}
type FlattenedDeepRequired<T> = {
  [K in keyof T]-?: FlattenedDeepRequired<
    T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]
  >;
};
type ReadonlyArray<T> = [Exclude<T, undefined>] extends [unknown[]]
  ? Readonly<Exclude<T, undefined>>
  : Readonly<Exclude<T, undefined>[]>;
export const pathsAgreementsGetParametersQueryStageValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements']['get']['parameters']['query']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP', 'COMPLETED', 'CANCELLED'];
export const pathsAgreementsGetParametersQueryStalledValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements']['get']['parameters']['query']['stalled']
> = ['true', 'false'];
export const pathsAgreementsGetParametersQueryNeedsAttentionValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements']['get']['parameters']['query']['needsAttention']
> = ['true', 'false'];
export const pathsAgreementsGetParametersQuerySortValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements']['get']['parameters']['query']['sort']
> = ['newest', 'longest-waiting'];
export const pathsAgreementsGetParametersQueryDormantValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements']['get']['parameters']['query']['dormant']
> = ['true', 'false'];
export const pathsAgreementsGetParametersQueryTermStatusValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements']['get']['parameters']['query']['termStatus']
> = ['IN_FORCE', 'EXPIRING', 'EXPIRED', 'TERMINATED'];
export const pathsAgreementsExportGetParametersQueryStageValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements/export']['get']['parameters']['query']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP', 'COMPLETED', 'CANCELLED'];
export const pathsAgreementsExportGetParametersQueryStalledValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements/export']['get']['parameters']['query']['stalled']
> = ['true', 'false'];
export const pathsAgreementsExportGetParametersQueryNeedsAttentionValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements/export']['get']['parameters']['query']['needsAttention']
> = ['true', 'false'];
export const pathsAgreementsExportGetParametersQuerySortValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements/export']['get']['parameters']['query']['sort']
> = ['newest', 'longest-waiting'];
export const pathsAgreementsExportGetParametersQueryDormantValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements/export']['get']['parameters']['query']['dormant']
> = ['true', 'false'];
export const pathsAgreementsExportGetParametersQueryTermStatusValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements/export']['get']['parameters']['query']['termStatus']
> = ['IN_FORCE', 'EXPIRING', 'EXPIRED', 'TERMINATED'];
export const pathsAgreementsExportGetParametersQueryFormatValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements/export']['get']['parameters']['query']['format']
> = ['csv', 'xlsx'];
export const pathsAgreementsExportGetParametersQuerySheetsValues: ReadonlyArray<
  FlattenedDeepRequired<paths>['/agreements/export']['get']['parameters']['query']['sheets']
> = ['apps'];
export const newAgreementContactsRoleValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['NewAgreement']['contacts']['role']
> = ['COORDINATOR', 'OFFICIAL', 'ESCALATION'];
export const newAgreementContactsSideValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['NewAgreement']['contacts']['side']
> = ['HOST', 'PARTNER'];
export const newAgreementContactsLocaleValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['NewAgreement']['contacts']['locale']
> = ['id', 'en'];
export const milestoneOneOf0SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf0SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const milestoneOneOf1SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf1SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const milestoneOneOf2SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf2SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const milestoneOneOf2DeliverablesValues: ReadonlyArray<
  Extract<
    FlattenedDeepRequired<components>['schemas']['Milestone'],
    {
      deliverables: unknown;
    }
  >['deliverables']
> = ['SOURCE_CODE', 'DOCUMENTATION', 'INSTALLATION', 'HOSTING', 'DATABASE'];
export const milestoneOneOf3SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf3SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const milestoneOneOf4SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf4SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const milestoneOneOf5SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf5SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const milestoneOneOf6SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf6SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const milestoneOneOf7SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf7SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const milestoneOneOf8SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf8SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const milestoneOneOf9SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const milestoneOneOf9SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const requestUploadRequestKindValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['RequestUploadRequest']['kind']
> = ['MOU', 'PKS', 'AMENDMENT', 'BAST', 'TRAINING_REPORT', 'FOLLOW_UP_REPORT', 'OTHER'];
export const requestUploadRequestContentTypeValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['RequestUploadRequest']['contentType']
> = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'];
export const requestUploadRequestMilestoneTypeValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['RequestUploadRequest']['milestone']['type']
> = [
  'MOU_SIGNED',
  'PKS_SIGNED',
  'APP_HANDED_OVER',
  'APP_DROPPED',
  'TRAINING_SCHEDULED',
  'TRAINING_COMPLETED',
  'FOLLOW_UP_REPORTED',
  'TERM_AMENDED',
  'TERM_RENEWED',
  'AGREEMENT_TERMINATED',
];
export const confirmReportRequestSignatoryCapacityValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['ConfirmReportRequest']['signatory']['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const replaceContactsRequestContactsRoleValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['ReplaceContactsRequest']['contacts']['role']
> = ['COORDINATOR', 'OFFICIAL', 'ESCALATION'];
export const replaceContactsRequestContactsSideValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['ReplaceContactsRequest']['contacts']['side']
> = ['HOST', 'PARTNER'];
export const replaceContactsRequestContactsLocaleValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['ReplaceContactsRequest']['contacts']['locale']
> = ['id', 'en'];
export const answerActionRequestOneOf0SignatoryCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['AnswerActionRequest'],
      {
        signatory: unknown;
      }
    >['signatory'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Agreement']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP', 'COMPLETED', 'CANCELLED'];
export const agreementAppsStatusValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Agreement']['apps']['status']
> = ['PENDING', 'HANDED_OVER', 'DROPPED', 'LIVE', 'NOT_LIVE'];
export const agreementContactsRoleValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Agreement']['contacts']['role']
> = ['COORDINATOR', 'OFFICIAL', 'ESCALATION'];
export const agreementContactsSideValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Agreement']['contacts']['side']
> = ['HOST', 'PARTNER'];
export const agreementContactsLocaleValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Agreement']['contacts']['locale']
> = ['id', 'en'];
export const agreementMilestonesOneOf0SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf0SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementMilestonesOneOf1SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf1SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementMilestonesOneOf2SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf2SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementMilestonesOneOf2DeliverablesValues: ReadonlyArray<
  Extract<
    FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
    {
      deliverables: unknown;
    }
  >['deliverables']
> = ['SOURCE_CODE', 'DOCUMENTATION', 'INSTALLATION', 'HOSTING', 'DATABASE'];
export const agreementMilestonesOneOf3SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf3SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementMilestonesOneOf4SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf4SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementMilestonesOneOf5SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf5SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementMilestonesOneOf6SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf6SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementMilestonesOneOf7SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf7SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementMilestonesOneOf8SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf8SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const agreementMilestonesOneOf9SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const agreementMilestonesOneOf9SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['Agreement']['milestones'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const reportSummaryStageCountsStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['ReportSummary']['stageCounts']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP', 'COMPLETED', 'CANCELLED'];
export const regionTypeValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Region']['type']
> = ['PROVINSI', 'KABUPATEN', 'KOTA'];
export const cycleTimeReportOverallStagesStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['CycleTimeReport']['overall']['stages']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP'];
export const cycleTimeReportByMouYearStagesStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['CycleTimeReport']['byMouYear']['stages']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP'];
export const cycleTimeReportByProvinceStagesStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['CycleTimeReport']['byProvince']['stages']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP'];
export const cycleTimeReportByAppStagesStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['CycleTimeReport']['byApp']['stages']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP'];
export const documentKindValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Document']['kind']
> = ['MOU', 'PKS', 'AMENDMENT', 'BAST', 'TRAINING_REPORT', 'FOLLOW_UP_REPORT', 'OTHER'];
export const documentContentTypeValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Document']['contentType']
> = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'];
export const documentMilestoneTypeValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Document']['milestone']['type']
> = [
  'MOU_SIGNED',
  'PKS_SIGNED',
  'APP_HANDED_OVER',
  'APP_DROPPED',
  'TRAINING_SCHEDULED',
  'TRAINING_COMPLETED',
  'FOLLOW_UP_REPORTED',
  'TERM_AMENDED',
  'TERM_RENEWED',
  'AGREEMENT_TERMINATED',
];
export const documentStatusValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Document']['status']
> = ['PENDING', 'ATTACHED', 'WITHDRAWN'];
export const documentSideValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Document']['side']
> = ['HOST', 'PARTNER'];
export const documentUploadUploadMethodValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['DocumentUpload']['upload']['method']
> = ['PUT', 'POST'];
export const documentDownloadKindValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['DocumentDownload']['kind']
> = ['MOU', 'PKS', 'AMENDMENT', 'BAST', 'TRAINING_REPORT', 'FOLLOW_UP_REPORT', 'OTHER'];
export const documentDownloadContentTypeValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['DocumentDownload']['contentType']
> = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff'];
export const documentDownloadMilestoneTypeValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['DocumentDownload']['milestone']['type']
> = [
  'MOU_SIGNED',
  'PKS_SIGNED',
  'APP_HANDED_OVER',
  'APP_DROPPED',
  'TRAINING_SCHEDULED',
  'TRAINING_COMPLETED',
  'FOLLOW_UP_REPORTED',
  'TERM_AMENDED',
  'TERM_RENEWED',
  'AGREEMENT_TERMINATED',
];
export const documentDownloadStatusValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['DocumentDownload']['status']
> = ['PENDING', 'ATTACHED', 'WITHDRAWN'];
export const documentDownloadSideValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['DocumentDownload']['side']
> = ['HOST', 'PARTNER'];
export const actionAgreementStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Action']['agreement']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP', 'COMPLETED', 'CANCELLED'];
export const actionAgreementAppsStatusValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Action']['agreement']['apps']['status']
> = ['PENDING', 'HANDED_OVER', 'DROPPED', 'LIVE', 'NOT_LIVE'];
export const actionAnswersValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Action']['answers']
> = ['DONE', 'OBSTACLE', 'WRONG_PERSON'];
export const actionResultAnswerValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['ActionResult']['answer']
> = ['DONE', 'OBSTACLE', 'WRONG_PERSON'];
export const pendingReportDetailsSignatoryCapacityValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['PendingReport']['details']['signatory']['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf0SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf0SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf1SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf1SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf2SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf2SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf2DeliverablesValues: ReadonlyArray<
  Extract<
    FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
    {
      deliverables: unknown;
    }
  >['deliverables']
> = ['SOURCE_CODE', 'DOCUMENTATION', 'INSTALLATION', 'HOSTING', 'DATABASE'];
export const pendingReportMilestoneOneOf3SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf3SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf4SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf4SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf5SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf5SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf6SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf6SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf7SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf7SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf8SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf8SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportMilestoneOneOf9SignatoriesSideValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      side: unknown;
    }
  >['side']
> = ['HOST', 'PARTNER'];
export const pendingReportMilestoneOneOf9SignatoriesCapacityValues: ReadonlyArray<
  Extract<
    Extract<
      FlattenedDeepRequired<components>['schemas']['PendingReport']['milestone'],
      {
        signatories: unknown;
      }
    >['signatories'],
    {
      capacity: unknown;
    }
  >['capacity']
> = ['DEFINITIVE', 'ACTING', 'ON_BEHALF', 'POWER_OF_ATTORNEY'];
export const pendingReportReportedBySideValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['PendingReport']['reportedBy']['side']
> = ['HOST', 'PARTNER'];
export const pendingReportReportedByRoleValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['PendingReport']['reportedBy']['role']
> = ['COORDINATOR', 'OFFICIAL', 'ESCALATION'];
export const termDocumentValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Term']['document']
> = ['PKS', 'MOU'];
export const termStatusValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Term']['status']
> = ['IN_FORCE', 'EXPIRING', 'EXPIRED', 'TERMINATED'];
export const agreementSummaryStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['AgreementSummary']['stage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP', 'COMPLETED', 'CANCELLED'];
export const agreementSummaryAppsStatusValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['AgreementSummary']['apps']['status']
> = ['PENDING', 'HANDED_OVER', 'DROPPED', 'LIVE', 'NOT_LIVE'];
export const activityFromStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Activity']['fromStage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP', 'COMPLETED', 'CANCELLED'];
export const activityToStageValues: ReadonlyArray<
  FlattenedDeepRequired<components>['schemas']['Activity']['toStage']
> = ['MOU', 'PKS', 'HANDOVER', 'TRAINING', 'FOLLOW_UP', 'COMPLETED', 'CANCELLED'];
