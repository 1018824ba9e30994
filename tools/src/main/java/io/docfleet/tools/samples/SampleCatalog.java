package io.docfleet.tools.samples;

import static io.docfleet.tools.samples.EntityType.CASE_NUMBER;
import static io.docfleet.tools.samples.EntityType.COURT;
import static io.docfleet.tools.samples.EntityType.DATE;
import static io.docfleet.tools.samples.EntityType.EMAIL;
import static io.docfleet.tools.samples.EntityType.MONEY;
import static io.docfleet.tools.samples.EntityType.ORGANIZATION;
import static io.docfleet.tools.samples.EntityType.PERSON;
import static io.docfleet.tools.samples.EntityType.PHONE;
import static io.docfleet.tools.samples.EntityType.STATUTE;

import java.util.List;

/**
 * The sample corpus: which files there are and what is planted in each. Every planted string
 * appears word for word on one line of the file (the layout does not break lines inside one), which
 * is what a pipeline test can look for after OCR and entity extraction.
 */
public final class SampleCatalog {
  private SampleCatalog() {}

  private static final String SDNY =
      "United States District Court for the Southern District of New York";

  public static List<Sample> all() {
    return List.of(
        Sample.named(
                "contract-master-services-agreement.pdf",
                Format.TEXT_PDF,
                "Master Services Agreement")
            .set(11, 1.3f)
            .with(PERSON, "John A. Carter", "Priya Raman")
            .with(ORGANIZATION, "Acme Holdings, Inc.", "Northwind Logistics LLC")
            .with(COURT, SDNY)
            .with(DATE, "March 3, 2025", "2025-04-15", "2027-03-02")
            .with(MONEY, "$1,250,000.00", "USD 45,000", "$75,500.00")
            .with(STATUTE, "49 U.S.C. § 14706", "15 U.S.C. § 78dd-1")
            .with(EMAIL, "jcarter@acmeholdings.com", "p.raman@northwindlogistics.com")
            .with(PHONE, "(212) 555-0147", "(973) 555-0162")
            .build(),
        Sample.named(
                "complaint-harbor-point-v-acme.pdf",
                Format.TEXT_PDF,
                "Class Action Complaint, Case No. 1:24-cv-08812")
            .set(12, 2)
            .with(PERSON, "John A. Carter", "Rachel Kim")
            .with(
                ORGANIZATION,
                "Harbor Point Pension Fund",
                "Acme Holdings, Inc.",
                "Northwind Logistics LLC",
                "HOLLIS & BRANDT LLP")
            .with(COURT, SDNY)
            .with(CASE_NUMBER, "Case No. 1:24-cv-08812")
            .with(DATE, "May 6, 2024", "October 28, 2024", "April 30, 2024", "November 1, 2024")
            .with(MONEY, "$3,400,000.00", "$25,000,000.00", "$11.42")
            .with(
                STATUTE,
                "15 U.S.C. § 78j(b)",
                "15 U.S.C. § 78t(a)",
                "17 C.F.R. § 240.10b-5",
                "28 U.S.C. § 1331")
            .with(EMAIL, "rkim@hollisbrandt.com")
            .with(PHONE, "(212) 555-0186")
            .build(),
        Sample.named(
                "order-motion-to-dismiss.pdf",
                Format.TEXT_PDF,
                "Opinion and Order, Case No. 1:24-cv-08812")
            .set(12, 1.6f)
            .with(PERSON, "Judge Maria Alvarez", "John A. Carter")
            .with(
                ORGANIZATION,
                "Harbor Point Pension Fund",
                "Acme Holdings, Inc.",
                "Northwind Logistics LLC")
            .with(CASE_NUMBER, "Case No. 1:24-cv-08812")
            .with(DATE, "January 10, 2025", "2025-04-15", "April 28, 2025", "March 17, 2025")
            .with(MONEY, "$3,400,000.00")
            .with(STATUTE, "15 U.S.C. § 78j(b)", "15 U.S.C. § 78t(a)", "15 U.S.C. § 78u-4(b)")
            .with(PHONE, "(212) 555-0139")
            .build(),
        Sample.named(
                "scanned-stipulation-of-settlement.pdf",
                Format.SCANNED_PDF,
                "Stipulation of Settlement, Case No. 7:25-cv-02240 (scanned)")
            .set(13, 1.35f)
            .with(PERSON, "Daniel Okafor", "Kevin Brennan", "Grace Lee", "Judge Maria Alvarez")
            .with(ORGANIZATION, "Town of Westbury Falls", "Okafor & Lee PLLC")
            .with(CASE_NUMBER, "Case No. 7:25-cv-02240")
            .with(DATE, "2025-03-31", "February 14, 2025")
            .with(MONEY, "$185,000.00")
            .with(STATUTE, "42 U.S.C. § 1983")
            .with(EMAIL, "glee@okaforlee.com")
            .with(PHONE, "(914) 555-0175")
            .build(),
        Sample.named("letter-past-due-notice.png", Format.PNG, "Past-due notice (image)")
            .set(13, 1.35f)
            .with(PERSON, "John A. Carter", "Priya Raman")
            .with(ORGANIZATION, "Acme Holdings, Inc.", "Northwind Logistics LLC")
            .with(DATE, "April 22, 2025", "March 3, 2025", "2025-04-15")
            .with(MONEY, "USD 45,000")
            .with(EMAIL, "p.raman@northwindlogistics.com")
            .with(PHONE, "(973) 555-0162")
            .build(),
        Sample.named(
                "email-settlement-proposal.txt", Format.PLAIN_TEXT, "Settlement proposal email")
            .with(
                PERSON,
                "Rachel Kim",
                "Michael Tran",
                "Owen Park",
                "Judge Maria Alvarez",
                "John A. Carter",
                "Thomas Whitaker")
            .with(
                ORGANIZATION,
                "Harbor Point Pension Fund",
                "Acme Holdings, Inc.",
                "Meridian Specialty Insurance Company",
                "Hollis & Brandt LLP")
            .with(COURT, SDNY)
            .with(CASE_NUMBER, "Case No. 1:24-cv-08812")
            .with(DATE, "April 30, 2025", "March 17, 2025", "2025-05-20", "May 12, 2025")
            .with(MONEY, "$2,400,000.00", "USD 1,900,000")
            .with(STATUTE, "15 U.S.C. § 78j(b)")
            .with(
                EMAIL,
                "rkim@hollisbrandt.com",
                "mtran@whitfieldcrane.com",
                "opark@hollisbrandt.com")
            .with(PHONE, "(212) 555-0186", "+1 917-555-0123")
            .build());
  }
}
