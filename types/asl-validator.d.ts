// asl-validator ships no types; this is the part of its API the tests and the local
// ValidateStateMachineDefinition use.
declare module 'asl-validator' {
  interface ValidationResult {
    isValid: boolean;
    errors: { message?: string; 'Error code'?: string; Message?: string }[];
    errorsText: (separator?: string) => string;
  }
  export default function validate(definition: unknown): ValidationResult;
}
