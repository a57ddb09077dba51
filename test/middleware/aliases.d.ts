// The npm aliases `express4` (express@4) and `koa2` (koa@2) ship no types of their own; the tests
// use them through the Express 5 / Koa 3 types, which cover the calls made.
declare module 'express4' {
  import express from 'express';
  export default express;
}
declare module 'koa2' {
  import Koa from 'koa';
  export default Koa;
}
