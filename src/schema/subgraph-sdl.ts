import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import type { LikeMessageService } from '../message/like-message.service';
import { buildGatewaySchema } from './build-schema';

/**
 * The subgraph SDL a router composes (`@link` header and `@key` included, federation's own definitions left
 * out), with types in name order: type-graphql registers types in module import order, which a refactor can
 * change. Fields, arguments and enum values keep the order they are declared in, which is part of the docs.
 */
function printSubgraphSdl(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(lexicographicSortSchema(schema))}\n`;
}

// Printing never runs a resolver, so no service has to stand behind them.
const UNUSED_SERVICE = {} as LikeMessageService;

/** The SDL of the schema the gateway serves: what `schema/schema.graphql` must contain. */
export async function gatewaySubgraphSdl(): Promise<string> {
  return printSubgraphSdl(await buildGatewaySchema({ likes: UNUSED_SERVICE }));
}
