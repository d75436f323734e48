// Step Functions: starting an execution, answering a wait's task token.
import {
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { FloorEvent, FloorServiceFactory } from './handler.ts';

/** A task token as Step Functions hands them out (one the stand-in does not know). */
const taskToken = () => Buffer.from(crypto.randomUUID().repeat(16)).toString('base64');

const sfn: FloorServiceFactory = (env) => {
  const client = new SFNClient({});
  const commands = {
    StartExecution: (event: FloorEvent) =>
      new StartExecutionCommand({
        stateMachineArn: event.stateMachineArn ?? env.STATE_MACHINE_ARN,
        name: `floor-${crypto.randomUUID()}`,
        input: JSON.stringify({ agreementId: event.agreementId ?? 'bench-floor' }),
      }),
    SendTaskSuccess: () =>
      new SendTaskSuccessCommand({ taskToken: taskToken(), output: '{"woken":true}' }),
    SendTaskFailure: () =>
      new SendTaskFailureCommand({ taskToken: taskToken(), error: 'Floor', cause: 'bench' }),
    StopExecution: () =>
      new StopExecutionCommand({
        executionArn: `${env.STATE_MACHINE_ARN ?? ''}:floor`.replace(
          ':stateMachine:',
          ':execution:',
        ),
      }),
  };
  return {
    operations: Object.keys(commands),
    call: (operation, event) =>
      client.send(commands[operation as keyof typeof commands](event) as StartExecutionCommand),
  };
};
export default sfn;
