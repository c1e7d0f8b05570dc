package io.courier.serialization.fory.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A page of members, as the benchmark's page of users. */
public class MemberPage {

    private int pageNo;
    private int total;
    private List<Member> result;

    public MemberPage() {}

    public static MemberPage sample(int pageNo, int size) {
        MemberPage page = new MemberPage();
        page.pageNo = pageNo;
        page.total = 1000;
        page.result = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            page.result.add(Member.sample(i));
        }
        return page;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberPage p && pageNo == p.pageNo && total == p.total && Objects.equals(result, p.result);
    }

    @Override
    public int hashCode() {
        return pageNo;
    }
}
