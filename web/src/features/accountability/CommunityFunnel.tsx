/** A community's proposals submitted -> accepted -> in a plan -> funded -> delivered, with money. */
export function CommunityFunnel({ communityCode }: { communityCode: string }) {
  void communityCode;
  return null;
}
