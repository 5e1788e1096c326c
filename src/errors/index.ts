export * from './inscribe-error';
export { convertError } from './convert';
