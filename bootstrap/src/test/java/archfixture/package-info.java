/**
 * Deliberate violations of every architecture rule, mirroring the product's package layout: the architecture
 * tests must fail on these classes. Never used by product code.
 */
package archfixture;
