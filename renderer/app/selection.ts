/** Hooks that resolve the selected cluster and node against the loaded clusters (first ones by default). */
import type { ClusterSummary, NodeStatus } from '../../shared/model/cluster.js';
import { useClustersStore } from '../features/overview/clustersStore.js';
import { sortNodes } from '../features/overview/selectors.js';
import { useAppStore } from './appStore.js';

/** Returns the selected cluster (or the first one) and its nodes in display order. */
export function useSelectedCluster(): { cluster?: ClusterSummary; nodes: NodeStatus[] } {
  const clusters = useClustersStore((s) => s.clusters);
  const clusterId = useAppStore((s) => s.clusterId);
  const cluster = clusters.find((c) => c.id === clusterId) ?? clusters[0];
  return { cluster, nodes: sortNodes(cluster?.nodes ?? []) };
}

/** Returns the selected node of the selected cluster (or its first node). */
export function useSelectedNode(): { cluster?: ClusterSummary; node?: NodeStatus; nodes: NodeStatus[] } {
  const { cluster, nodes } = useSelectedCluster();
  const nodeName = useAppStore((s) => s.node);
  return { cluster, nodes, node: nodes.find((n) => n.name === nodeName) ?? nodes[0] };
}
