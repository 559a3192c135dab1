/** Three stones, each a step higher: the product's name as a mark. */
export function Logo() {
  return (
    <svg className="logo" width="36" height="36" viewBox="0 0 36 36" aria-hidden="true">
      <rect width="36" height="36" rx="9" fill="#0f766e" />
      <ellipse cx="9.5" cy="26" rx="5" ry="3.2" fill="#99f6e4" />
      <ellipse cx="18" cy="19" rx="5" ry="3.2" fill="#5eead4" />
      <ellipse cx="26.5" cy="12" rx="5" ry="3.2" fill="#ffffff" />
    </svg>
  );
}
