/** What became of a proposal after acceptance: plan item, money, progress, result. */
export function ProposalResult({ proposalId }: { proposalId: string }) {
  void proposalId;
  return null;
}
