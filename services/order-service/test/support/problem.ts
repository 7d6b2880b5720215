export { expectProblem } from '@ecommerce/testing';
