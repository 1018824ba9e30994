package io.docfleet.worker.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.docfleet.document.Chunk;
import io.docfleet.document.Entity;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules that find people and organisations by their context: a job title beside a name, a form
 * or mail-header label, a signature, an e-mail address in angle brackets, a middle initial, a rank
 * at the end of the line before, and the organisation nouns and suffixes added with them.
 */
class NameContextRulesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a title after the name          | Notices go to Helen Ford, Chief Financial Officer, at the office.  | Helen Ford
          'its' before the title          | The buyer assigns Omar Haddad, its Head of Legal, to the account.  | Omar Haddad
          a title before the name         | and its General Counsel, Lena Fischer, signed it.                   | Lena Fischer
          a form label                    | Name: Victor Osei                                                 | Victor Osei
          an attention line               | Globex Ltd., Attn: Mara Lind, Procurement                         | Mara Lind
          a signed line                   | By: /s/ Tomas Berg                                                | Tomas Berg
          a bare signature                | /s/ Nadia Petrova, counsel                                        | Nadia Petrova
          a mail header                   | Cc: Arjun Mehta <arjun@example.com>                               | Arjun Mehta
          a middle initial                | the claims against Globex and Samuel J. Whitford remain            | Samuel J. Whitford
          """)
  void findsAPersonByTheirContext(String why, String text, String person) {
    assertThat(extract(text)).as(why).contains(tuple("person", person));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a name above its title          | Sincerely,\\n\\nIrene Castillo\\nVice President, Sales     | Irene Castillo
          a rank at the end of a line     | Defendants City of Ashford and Officer\\nPaul Novak agree  | Paul Novak
          """)
  void findsAPersonAcrossALineBreak(String why, String text, String person) {
    assertThat(extract(text.replace("\\n", "\n"))).as(why).contains(tuple("person", person));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Plaintiff Granite Bay Retirement Fund brings this action     | Granite Bay Retirement Fund
          The Town of Maple Ridge shall pay the sum                    | Town of Maple Ridge
          Payment goes to Ortiz & Hale PLLC, counsel for Plaintiff     | Ortiz & Hale PLLC
          signed for Brook Dental P.C. on behalf of its members       | Brook Dental P.C.
          """)
  void findsOrganisationsByTheirNounOrSuffix(String text, String organization) {
    assertThat(extract(text)).contains(tuple("organization", organization));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a rank before a field label     | Title: Chief Executive Officer\\nDate: March 3, 2025
          an organisation after a label   | To: Granite Holdings Group
          a fund before its role          | HARBOR LANE PENSION FUND, Plaintiff,
          """)
  void findsNoPersonWhereTheContextHoldsNone(String why, String text) {
    assertThat(extract(text.replace("\\n", "\n")))
        .as(why)
        .extracting(t -> t.toList().get(0))
        .doesNotContain("person");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"15 U.S.C. § 78dd-1", "15 U.S.C. § 78aa", "42 U.S.C. § 2000e-2(a)"})
  void findsUsCodeSectionsWithTwoLetterSuffixes(String statute) {
    assertThat(extract("as required by " + statute + " and the rules"))
        .contains(tuple("statute", statute));
  }

  private static List<org.assertj.core.groups.Tuple> extract(String text) {
    List<Entity> entities =
        new RulesEntityExtractor().extract(new Chunk("0-x", 0, 0, text.length(), "sha", text));
    return entities.stream().map(e -> tuple(e.type(), e.text())).toList();
  }
}
