/** The identity of a detection instance and of its alarms: ruleId|cluster|node|instance. */
export function alertKey(ruleId: string, cluster: string, node: string, instance: string): string {
  return `${ruleId}|${cluster}|${node}|${instance}`;
}

/** The identity of a node: cluster|node. */
export function nodeKey(cluster: string, node: string): string {
  return `${cluster}|${node}`;
}
