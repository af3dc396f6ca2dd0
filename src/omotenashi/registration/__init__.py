"""The registration wizard: one short step at a time, composed from the domains each step
fills (the profile in `visitors`, the emergency consent in `consent`, the hotels from
`servicers`), as `portal` composes the visitor's home page."""
