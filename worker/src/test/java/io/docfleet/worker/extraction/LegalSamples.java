package io.docfleet.worker.extraction;

/** Sample documents holding every entity type, for the extractor tests. */
final class LegalSamples {
  static final String COMPLAINT =
      """
      UNITED STATES DISTRICT COURT
      In the United States District Court for the Southern District of New York

      JOHN DOE, Plaintiff, v. ACME WIDGETS, INC., Defendant.
      Case No. 1:23-cv-04567

      COMPLAINT

      Plaintiff John Doe, an individual, brings this action against Acme Widgets, Inc. and
      First National Bank under 42 U.S.C. § 1983 and Section 10(b) of the Securities Exchange Act
      of 1934, and Cal. Civ. Code § 1542. See also Fed. R. Civ. P. 12(b)(6) and 17 C.F.R. § 240.10b-5.
      On January 5, 2024, Defendant agreed to pay $1,250,000.00 to Mr. Smith. A further USD 3,000
      was due on 2024-01-05, EUR 12.50 on 05/01/2024 and 1.5 million dollars on 5 January 2024.
      The matter was heard by Judge Jane Smith; the Supreme Court of California and the Court of
      Appeals for the Ninth Circuit decided the related appeal, No. 22-1234, and the state case
      CV-2023-001234. Contact counsel at jane.roe@example.com or (212) 555-0100, or +44 20 7946 0958.
      Stanford University and Bank of America, N.A. filed amicus briefs. Invoice No. 2024-0001.
      """;

  static final String CONTRACT =
      """
      CONSULTING AGREEMENT

      This Consulting Agreement is entered into as of March 1, 2024 (the "Effective Date") by and
      between Globex Corporation ("Client") and Maria Garcia (the "Consultant").

      WHEREAS, the parties wish to set out the terms and conditions of the engagement;

      1. Fees. Client shall pay the Consultant $12,500.00 per month. Invoices are due within thirty
      days.
      2. Term. This Agreement shall terminate on 2025-02-28 unless renewed.
      3. Governing law. This Agreement shall be governed by the laws of the State of Delaware.

      IN WITNESS WHEREOF, the parties have signed this Agreement.
      """;

  private LegalSamples() {}
}
