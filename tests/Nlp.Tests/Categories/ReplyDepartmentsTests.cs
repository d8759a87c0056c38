using CityMatrix.Nlp.Categories;

namespace CityMatrix.Nlp.Tests.Categories;

public class ReplyDepartmentsTests
{
    [Theory]
    [InlineData("网友您好！您的留言已收悉，市住建局及时将您反映的问题交由市房屋交易管理中心办理。", "城乡建设")]
    [InlineData("您好，经区人社局劳动监察大队调查核实，该公司已补发工资。", "劳动和社会保障")]
    [InlineData("市卫健委高度重视，现答复如下", "卫生计生")]
    [InlineData("经市教育局核实，该校收费符合规定", "教育文体")]
    [InlineData("市交警支队已在该路口增设信号灯", "交通运输")]
    [InlineData("区生态环境局执法人员到现场检查", "环境保护")]
    [InlineData("区市场监管局已对该商户立案调查", "商贸旅游")]
    public void Department_named_in_a_reply_gives_its_category(string reply, string category)
    {
        ReplyDepartments.CategoryOf(reply).ShouldBe(category);
    }

    [Theory]
    [InlineData("感谢您对交通安全的关心，我们将加强教育宣传。")]
    [InlineData("")]
    [InlineData(null)]
    public void Reply_without_a_department_gives_no_category(string? reply)
    {
        ReplyDepartments.CategoryOf(reply).ShouldBeNull();
    }

    [Fact]
    public void The_first_department_named_wins()
    {
        ReplyDepartments.CategoryOf("市教育局会同市卫健委对学校食堂进行了检查").ShouldBe("教育文体");
    }

    [Fact]
    public void Only_the_opening_window_of_a_long_reply_is_read()
    {
        var reply = new string('好', 1000) + "市住建局";
        ReplyDepartments.CategoryOf(reply).ShouldBeNull();
        ReplyDepartments.CategoryOf(reply, window: 2000).ShouldBe("城乡建设");
    }
}
