// The ANTLR-generated types are marked CLSCompliant(false), which the compiler rejects unless
// the assembly states its own compliance.
[assembly: CLSCompliant(false)]
